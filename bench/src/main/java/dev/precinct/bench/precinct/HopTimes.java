package dev.precinct.bench.precinct;

import dev.precinct.bench.load.HttpConnection;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Precinct's own timing of each hop of an acknowledged command (edge, NATS, validation, idempotency, Kafka), read
 * from the {@code precinct_command_hops_seconds} timers of every JVM's {@code /metrics} (on its management port)
 * before and after a load: where a command's latency went, by Precinct's account. Absent when the jar exposes no
 * such timers. In a split deployment the edge's JVM times the edge and NATS hops, the business logic's the others.
 *
 * @param seconds the sum and count of each hop's timer, for one command type
 */
public record HopTimes(Map<String, double[]> seconds) {
    private static final Pattern LINE = Pattern.compile("^precinct_command_hops_seconds_(sum|count)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern HOP = Pattern.compile("hop=\"([^\"]*)\"");
    private static final Pattern COMMAND = Pattern.compile("command=\"([^\"]*)\"");

    /**
     * The timers of {@code commandType} now, summed over the JVMs whose management ports are given; empty when none
     * has such timers (or a {@code /metrics}).
     */
    public static Optional<HopTimes> scrape(List<Integer> managementPorts, String commandType) {
        var seconds = new LinkedHashMap<String, double[]>();
        for (int port : managementPorts) add(port, commandType, seconds);
        return seconds.isEmpty() ? Optional.empty() : Optional.of(new HopTimes(seconds));
    }

    /** Adds the sums and counts of one JVM's timers to {@code seconds}; a JVM without them adds nothing. */
    private static void add(int managementPort, String commandType, Map<String, double[]> seconds) {
        try (var connection = new HttpConnection("127.0.0.1", managementPort, null)) {
            var response = connection.get("/metrics");
            if (response.status() != 200) return;
            for (var line : response.text().lines().toList()) {
                var matched = LINE.matcher(line);
                if (!matched.find()) continue;
                var command = COMMAND.matcher(matched.group(2));
                var hop = HOP.matcher(matched.group(2));
                if (!hop.find() || !command.find() || !command.group(1).equals(commandType)) continue;
                var sumAndCount = seconds.computeIfAbsent(hop.group(1), h -> new double[2]);
                sumAndCount[matched.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(matched.group(3));
            }
        } catch (IOException | RuntimeException e) {
            // this JVM's timers are missing from the sums; the report shows what the others measured
        }
    }

    /** The mean milliseconds of each hop over the commands between {@code before} and this. */
    public Map<String, Double> meanMillisSince(HopTimes before) {
        var means = new LinkedHashMap<String, Double>();
        seconds.forEach((hop, now) -> {
            var then = before.seconds().getOrDefault(hop, new double[2]);
            double count = now[1] - then[1];
            if (count > 0) means.put(hop, (now[0] - then[0]) * 1000 / count);
        });
        return means;
    }
}
