package dev.precinct.bench.floor;

import dev.precinct.bench.load.AsyncLoops;
import dev.precinct.bench.load.LoadResult;
import dev.precinct.bench.workload.Workload;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The floor of a fire-and-forget observation (P3): raw asynchronous Kafka produce of the observation's record (the
 * bytes and headers Precinct's edge writes, Precinct's producer settings), the same number in flight as Precinct
 * has clients, each counted once Kafka acknowledged it.
 */
public final class ProduceFloor implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final ProducerRecord<String, byte[]> template;

    public ProduceFloor(String kafkaBootstrap, String topic, Workload workload) {
        this.producer = Producers.likePrecinct(kafkaBootstrap);
        this.template = workload.observationRecord(topic);
    }

    public LoadResult inFlight(int inFlight, Duration warmUp, Duration measure) throws Exception {
        return AsyncLoops.closed(inFlight, warmUp, measure, () -> {
            var acknowledged = new CompletableFuture<Boolean>();
            producer.send(new ProducerRecord<>(template.topic(), null, UUID.randomUUID().toString(), template.value(),
                    template.headers()), (metadata, error) -> {
                if (error == null) acknowledged.complete(true);
                else acknowledged.completeExceptionally(error);
            });
            return acknowledged;
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
