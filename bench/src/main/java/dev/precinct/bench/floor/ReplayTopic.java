package dev.precinct.bench.floor;

import dev.precinct.bench.workload.Workload;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Fills the replay topic (P5) with observation events, each with its own ids, in Precinct's wire format. */
public final class ReplayTopic {
    private ReplayTopic() {
    }

    /** Writes {@code events} records to {@code topic} and waits until Kafka has them all; returns how long it took. */
    public static Duration fill(String kafkaBootstrap, String topic, long events, Workload workload) {
        long startedAt = System.nanoTime();
        var failure = new AtomicReference<Exception>();
        try (var producer = Producers.bulk(kafkaBootstrap)) {
            for (long i = 0; i < events && failure.get() == null; i++) {
                producer.send(workload.observationRecord(topic), (metadata, error) -> {
                    if (error != null) failure.compareAndSet(null, error);
                });
            }
            producer.flush();
        }
        if (failure.get() != null) throw new IllegalStateException("could not fill " + topic, failure.get());
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }
}
