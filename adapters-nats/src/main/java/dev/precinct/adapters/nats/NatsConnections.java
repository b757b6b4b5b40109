package dev.precinct.adapters.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/** Opens NATS connections the way Precinct's adapters expect them. */
public final class NatsConnections {
    private static final Logger LOG = LoggerFactory.getLogger(NatsConnections.class);

    private NatsConnections() {
    }

    /**
     * Connects to {@code servers} (comma-separated URLs), reconnecting for ever after a loss. Requests report
     * "no responders" and time-outs as distinct errors, which {@link NatsCommandGateway} relies on.
     */
    public static Connection connect(String servers, String connectionName) throws IOException, InterruptedException {
        return connect(servers, connectionName, NatsSecurity.NONE);
    }

    /** As {@link #connect(String, String)}, with credentials and TLS. */
    public static Connection connect(String servers, String connectionName, NatsSecurity security)
            throws IOException, InterruptedException {
        var options = Options.builder()
                .servers(servers.split(","))
                .connectionName(connectionName)
                .reportNoResponders()
                .useTimeoutException()
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionTimeout(Duration.ofSeconds(5))
                .connectionListener((connection, event) -> logEvent(connectionName, event));
        security.applyTo(options);
        return Nats.connectReconnectOnConnect(options.build());
    }

    /** Whether the connection is up now: for readiness. */
    public static boolean isConnected(Connection connection) {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    private static void logEvent(String connectionName, ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED, CLOSED -> LOG.warn("NATS connection {}: {}", connectionName, event);
            default -> LOG.info("NATS connection {}: {}", connectionName, event);
        }
    }
}
