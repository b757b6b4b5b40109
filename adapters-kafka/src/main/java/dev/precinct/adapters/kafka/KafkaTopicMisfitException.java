package dev.precinct.adapters.kafka;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Thrown by {@link KafkaTopics#prepare()} for event topics that let Kafka delete records: each named with its fix. */
public final class KafkaTopicMisfitException extends IllegalStateException {
    private final List<KafkaTopicMisfit> misfits;

    KafkaTopicMisfitException(List<KafkaTopicMisfit> misfits) {
        super(Stream.concat(Stream.of("Precinct refuses to start: an event topic must keep every event for ever."),
                        misfits.stream().map(KafkaTopicMisfit::describe))
                .collect(Collectors.joining("\n  ")) + "\n  To start anyway, knowing that events will be lost, "
                + "set PRECINCT_TOPIC_CHECK=warn.");
        this.misfits = List.copyOf(misfits);
    }

    public List<KafkaTopicMisfit> misfits() {
        return misfits;
    }
}
