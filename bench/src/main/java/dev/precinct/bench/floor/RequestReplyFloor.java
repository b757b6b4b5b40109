package dev.precinct.bench.floor;

import dev.precinct.bench.load.AsyncLoops;
import dev.precinct.bench.load.Client;
import dev.precinct.bench.load.ClosedLoop;
import dev.precinct.bench.load.LoadResult;
import dev.precinct.bench.workload.Workload;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of an acknowledged command (P1, P2): a raw jnats request to a responder that writes the command's
 * Kafka record (the same bytes and headers Precinct's business logic writes, with Precinct's producer settings)
 * and replies once Kafka acknowledged it. No HTTP, no JSON work, no idempotency store, no validation: what is left
 * of Precinct's path when everything Precinct adds is taken away.
 *
 * <p>Two responders: a blocking one that does {@code send().get()} on the NATS dispatcher thread (P1, one request
 * at a time), and an asynchronous one that replies from the producer's callback (P2, many in flight).
 */
public final class RequestReplyFloor implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] REPLY = ("{\"status\":\"ACCEPTED\",\"commandId\":\"7d0c3c5e-6a4e-4a61-9d53-2f3c1a2b4c5d\","
            + "\"correlationId\":\"0b7e6f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b\",\"commandType\":\"RegisterOfficer\","
            + "\"resource\":\"/api/v1/officers/B-1042\",\"event\":{\"topic\":\"precinct.officers\",\"partition\":2,"
            + "\"offset\":1187}}").getBytes(StandardCharsets.UTF_8);

    private final Connection responderConnection;
    private final Connection clientConnection;
    private final KafkaProducer<String, byte[]> producer;
    private final Workload workload;
    private final String blockingSubject;
    private final String asyncSubject;
    private final Dispatcher blocking;
    private final Dispatcher async;

    public RequestReplyFloor(String natsUrl, String kafkaBootstrap, String topic, String subjectPrefix,
                             Workload workload) throws Exception {
        this.workload = workload;
        this.blockingSubject = subjectPrefix + ".blocking";
        this.asyncSubject = subjectPrefix + ".async";
        this.responderConnection = Nats.connect(options(natsUrl, "floor-responder"));
        this.clientConnection = Nats.connect(options(natsUrl, "floor-client"));
        this.producer = Producers.likePrecinct(kafkaBootstrap);
        var template = workload.registerOfficerRecord(topic, "B-1042");
        var keys = new AtomicLong();
        blocking = responderConnection.createDispatcher(request -> {
            try {
                producer.send(record(template, keys.incrementAndGet())).get();
                responderConnection.publish(request.getReplyTo(), REPLY);
            } catch (Exception e) {
                // no reply: the requester times out and counts a failure
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            }
        });
        blocking.subscribe(blockingSubject);
        async = responderConnection.createDispatcher(request -> producer.send(record(template, keys.incrementAndGet()),
                (metadata, error) -> {
                    if (error == null) responderConnection.publish(request.getReplyTo(), REPLY);
                }));
        async.subscribe(asyncSubject);
        responderConnection.flush(TIMEOUT);
    }

    private static Options options(String natsUrl, String name) {
        return Options.builder().server(natsUrl).connectionName(name).reportNoResponders().build();
    }

    private static ProducerRecord<String, byte[]> record(ProducerRecord<String, byte[]> template, long key) {
        return new ProducerRecord<>(template.topic(), null, Long.toString(key), template.value(), template.headers());
    }

    /** P1, closed loop: one client, one request at a time, to the blocking responder. */
    public LoadResult oneClient(Duration warmUp, Duration measure) throws Exception {
        return ClosedLoop.run(1, warmUp, measure, index -> blockingRequester());
    }

    /** P1, open loop: requests due at a fixed rate to the blocking responder. */
    public LoadResult oneClientAtRate(double perSecond, Duration warmUp, Duration measure) throws Exception {
        return AsyncLoops.open(perSecond, 1024, warmUp, measure, () -> clientConnection
                .requestWithTimeout(blockingSubject, body(), TIMEOUT).thenApply(reply -> true));
    }

    /** P2, closed loop: {@code inFlight} pipelined requests on one connection to the asynchronous responder. */
    public LoadResult pipelined(int inFlight, Duration warmUp, Duration measure) throws Exception {
        return AsyncLoops.closed(inFlight, warmUp, measure, () -> clientConnection
                .requestWithTimeout(asyncSubject, body(), TIMEOUT).thenApply(reply -> true));
    }

    /** P2, open loop: requests due at a fixed rate to the asynchronous responder. */
    public LoadResult pipelinedAtRate(double perSecond, Duration warmUp, Duration measure) throws Exception {
        return AsyncLoops.open(perSecond, 4096, warmUp, measure, () -> clientConnection
                .requestWithTimeout(asyncSubject, body(), TIMEOUT).thenApply(reply -> true));
    }

    private Client blockingRequester() {
        return () -> clientConnection.request(blockingSubject, body(), TIMEOUT) != null;
    }

    private byte[] body() {
        return workload.registerOfficer(workload.nextBadge());
    }

    @Override
    public void close() throws Exception {
        responderConnection.closeDispatcher(blocking);
        responderConnection.closeDispatcher(async);
        clientConnection.close();
        responderConnection.close();
        producer.close(Duration.ofSeconds(10));
    }
}
