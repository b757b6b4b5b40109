import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Run by scripts/topic-configs with the broker jars on the class path: prints, for each topic, the settings that
 * decide what Kafka keeps, as `kafka-configs.sh --describe` would show them, with where each comes from.
 */
public class TopicConfigs {
    private static final List<String> SHOWN = List.of("retention.ms", "retention.bytes", "cleanup.policy",
            "min.insync.replicas");

    public static void main(String[] arguments) throws Exception {
        var topics = List.of(arguments).subList(1, arguments.length);
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, arguments[0]))) {
            var descriptions = admin.describeTopics(topics).topicNameValues();
            for (var topic : topics) {
                TopicDescription description;
                try {
                    description = descriptions.get(topic).get();
                } catch (ExecutionException e) {
                    System.out.println(topic + ": " + e.getCause().getMessage());
                    continue;
                }
                var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                        .all().get().values().iterator().next();
                var line = new StringBuilder(topic).append(" replicas=")
                        .append(description.partitions().getFirst().replicas().size());
                for (var name : SHOWN) {
                    var entry = config.get(name);
                    line.append(' ').append(name).append('=').append(entry.value())
                            .append(" (").append(entry.source()).append(')');
                }
                System.out.println(line);
            }
        }
    }
}
