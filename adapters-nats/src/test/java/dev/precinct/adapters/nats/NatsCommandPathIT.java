package dev.precinct.adapters.nats;

import dev.precinct.police.Police;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CommandTimeoutException;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.ServiceUnavailableException;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.police.officer.Officers;
import dev.precinct.core.port.CommandHandler;
import dev.precinct.core.testing.TestServices;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge's gateway and the BL micro service over a real NATS server. */
class NatsCommandPathIT {
    private final JsonCodec codec = new JsonCodec(Police.catalog());
    private Connection edgeConnection;
    private Connection blConnection;
    private NatsCommandService service;

    @BeforeEach
    void connect() throws Exception {
        edgeConnection = NatsConnections.connect(TestServices.natsUrl(), "edge-test");
        blConnection = NatsConnections.connect(TestServices.natsUrl(), "bl-test");
    }

    @AfterEach
    void close() throws Exception {
        if (service != null) service.close();
        blConnection.close();
        edgeConnection.close();
    }

    private static CommandEnvelope aCommand() {
        return new CommandEnvelope(Officers.REGISTER, OfficerFixtures.aRegisterOfficer(), CommandId.random(),
                CorrelationId.random(), new Principal("sgt.lewis"), OfficerFixtures.aTraceparent());
    }

    private NatsCommandGateway gateway(Duration timeout) {
        return new NatsCommandGateway(edgeConnection, codec, timeout);
    }

    @Test
    void theServiceReceivesTheCommandWithItsIdsAndTheGatewayGetsTheReply() throws Exception {
        var received = new AtomicReference<CommandEnvelope>();
        CommandHandler handler = command -> {
            received.set(command);
            return new Acceptance.Accepted(command.commandId(), command.correlationId(), command.type().name(),
                    command.type().resourceOf(command.data()), new EventPosition(Officers.TOPIC, 1, 42));
        };
        service = new NatsCommandService(blConnection, Police.catalog(), handler, codec);
        var command = aCommand();

        var acceptance = gateway(Duration.ofSeconds(5)).send(command).get(10, TimeUnit.SECONDS);

        assertEquals(new Acceptance.Accepted(command.commandId(), command.correlationId(), "RegisterOfficer",
                "/api/v1/officers/" + command.data().aggregateId(), new EventPosition(Officers.TOPIC, 1, 42)), acceptance);
        assertEquals(command, received.get());
    }

    @Test
    void withoutAServiceTheGatewayFailsAsUnavailable() {
        var error = assertThrows(ExecutionException.class,
                () -> gateway(Duration.ofSeconds(5)).send(aCommand()).get(10, TimeUnit.SECONDS));

        assertInstanceOf(ServiceUnavailableException.class, error.getCause());
    }

    @Test
    void aServiceTooSlowMakesTheGatewayTimeOut() throws Exception {
        var release = new CountDownLatch(1);
        service = new NatsCommandService(blConnection, Police.catalog(), command -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Acceptance.Failed(command.commandId(), command.correlationId(),
                    Acceptance.Code.PUBLISH_FAILED, "late", true);
        }, codec);

        var error = assertThrows(ExecutionException.class,
                () -> gateway(Duration.ofMillis(300)).send(aCommand()).get(10, TimeUnit.SECONDS));
        release.countDown();

        assertInstanceOf(CommandTimeoutException.class, error.getCause());
    }

    @Test
    void aMalformedRequestGetsARejectedReplyNotSilence() throws Exception {
        service = new NatsCommandService(blConnection, Police.catalog(), command -> {
            throw new AssertionError("a malformed request must not reach the handler");
        }, codec);
        var headers = new Headers().put("Precinct-Command-Id", "k-1")
                .put("Precinct-Correlation-Id", CorrelationId.random().toString())
                .put("Precinct-Principal", "sgt.lewis").put("traceparent", OfficerFixtures.aTraceparent());

        var reply = edgeConnection.request(Officers.REGISTER.natsSubject().orElseThrow(), headers,
                "{\"badgeNumber\":".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        var rejected = assertInstanceOf(Acceptance.Rejected.class, codec.replies().decode(reply.getData()));
        assertEquals(Acceptance.Code.VALIDATION_FAILED, rejected.code());
    }

    @Test
    void aForeignClientWithoutTraceContextIsAcceptedInANewTrace() throws Exception {
        var received = new LinkedBlockingQueue<CommandEnvelope>();
        service = new NatsCommandService(blConnection, Police.catalog(), command -> {
            received.add(command);
            return new Acceptance.Accepted(command.commandId(), command.correlationId(), command.type().name(),
                    command.type().resourceOf(command.data()), new EventPosition(Officers.TOPIC, 0, 7));
        }, codec);
        var subject = Officers.REGISTER.natsSubject().orElseThrow();

        for (var traceparent : Arrays.asList(null, "not-a-traceparent")) {
            var headers = new Headers().put("Precinct-Command-Id", "foreign-" + traceparent)
                    .put("Precinct-Correlation-Id", CorrelationId.random().toString())
                    .put("Precinct-Principal", "cad-bridge");
            if (traceparent != null) headers.put("traceparent", traceparent);

            var reply = edgeConnection.request(subject, headers, codec.commands().encode(OfficerFixtures.aRegisterOfficer()),
                    Duration.ofSeconds(5));

            assertInstanceOf(Acceptance.Accepted.class, codec.replies().decode(reply.getData()),
                    new String(reply.getData(), StandardCharsets.UTF_8));
            var command = received.poll(5, TimeUnit.SECONDS);
            assertTrue(command.traceparent().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), command.traceparent());
        }
        var kept = OfficerFixtures.aTraceparent();
        var headers = new Headers().put("Precinct-Command-Id", "foreign-traced")
                .put("Precinct-Correlation-Id", CorrelationId.random().toString())
                .put("Precinct-Principal", "cad-bridge").put("traceparent", kept);
        edgeConnection.request(subject, headers, codec.commands().encode(OfficerFixtures.aRegisterOfficer()),
                Duration.ofSeconds(5));
        assertEquals(kept, received.poll(5, TimeUnit.SECONDS).traceparent());
    }

    @Test
    void aRequestWithoutAPrincipalIsRefused() throws Exception {
        service = new NatsCommandService(blConnection, Police.catalog(), command -> {
            throw new AssertionError("a request without a principal must not reach the handler");
        }, codec);
        var headers = new Headers().put("Precinct-Command-Id", "k-2")
                .put("Precinct-Correlation-Id", CorrelationId.random().toString())
                .put("traceparent", OfficerFixtures.aTraceparent());

        var reply = edgeConnection.request(Officers.REGISTER.natsSubject().orElseThrow(), headers,
                codec.commands().encode(OfficerFixtures.aRegisterOfficer()), Duration.ofSeconds(5));

        var rejected = assertInstanceOf(Acceptance.Rejected.class, codec.replies().decode(reply.getData()));
        assertEquals(Acceptance.Code.UNAUTHORIZED, rejected.code());
    }

    @Test
    void theServiceIsDiscoverableAsTheMicroServicePrecinctBl() throws Exception {
        service = new NatsCommandService(blConnection, Police.catalog(), command -> {
            throw new AssertionError("not called");
        }, codec);

        var info = edgeConnection.request("$SRV.INFO." + NatsCommandService.SERVICE_NAME, new byte[0],
                Duration.ofSeconds(5));

        var json = new String(info.getData(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"name\":\"precinct-bl\""), json);
        assertTrue(json.contains("precinct.cmd.officer.register"), json);
        assertTrue(json.contains("\"queue_group\":\"precinct-bl\""), json);
    }
}
