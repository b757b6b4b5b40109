package dev.precinct.adapters.nats;

import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.port.ProjectionListener;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;

/**
 * Carries "these commands were decided" from projectors to edges in other processes, on
 * {@code precinct.projected.commands}: one notice per committed batch, the correlation ids one per line.
 * A notice lost on the way only makes a waiting reader wait its full time.
 */
public final class NatsProjectionNotices {
    static final String SUBJECT = "precinct.projected.commands";
    private static final Logger LOG = LoggerFactory.getLogger(NatsProjectionNotices.class);

    private NatsProjectionNotices() {
    }

    /** A listener for the projector side that publishes each batch's decided commands. Never blocks. */
    public static ProjectionListener publisher(Connection connection) {
        return correlationIds -> {
            var text = new StringBuilder(correlationIds.size() * 37);
            for (var id : correlationIds) text.append(id).append('\n');
            try {
                connection.publish(SUBJECT, text.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                LOG.debug("projection notice on {} not sent", SUBJECT, e);
            }
        };
    }

    /** Subscribes the edge side: every notice is handed to {@code listener}. Close the returned handle to stop. */
    public static AutoCloseable subscribe(Connection connection, ProjectionListener listener) {
        Dispatcher dispatcher = connection.createDispatcher(message -> listener.decided(parse(message.getData())));
        dispatcher.subscribe(SUBJECT);
        return () -> connection.closeDispatcher(dispatcher);
    }

    private static Collection<CorrelationId> parse(byte[] data) {
        var ids = new ArrayList<CorrelationId>();
        for (var line : new String(data, StandardCharsets.US_ASCII).split("\n"))
            CorrelationId.tryParse(line).ifPresent(ids::add);
        return ids;
    }
}
