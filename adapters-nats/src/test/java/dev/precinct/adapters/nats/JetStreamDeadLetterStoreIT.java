package dev.precinct.adapters.nats;

import dev.precinct.police.Police;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.contract.DeadLetterStoreContract;
import dev.precinct.core.port.DeadLetterStore;
import dev.precinct.core.testing.TestServices;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** The dead-letter contract on a real NATS JetStream server; each test starts from an empty stream. */
class JetStreamDeadLetterStoreIT extends DeadLetterStoreContract {
    private Connection connection;

    @Override
    protected DeadLetterStore store() {
        try {
            connection = NatsConnections.connect(TestServices.natsUrl(), "dead-letter-test");
            var management = connection.jetStreamManagement();
            if (management.getStreamNames().contains(JetStreamDeadLetterStore.STREAM))
                management.deleteStream(JetStreamDeadLetterStore.STREAM);
            return new JetStreamDeadLetterStore(connection, new JsonCodec(Police.catalog()), Duration.ofDays(30), 1L << 30);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        if (connection != null) connection.close();
    }
}
