package dev.precinct.adapters.nats;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.event.DeadLetter;
import dev.precinct.core.port.DeadLetterStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps dead-lettered commands in the JetStream stream {@code PRECINCT_COMMAND_DLQ} (file storage), which does
 * not depend on the event log. One message per failed attempt on {@code precinct.dlq.command.<CommandType>}, the
 * body a JSON dead letter, its {@code Nats-Msg-Id} the dead letter's id (so JetStream keeps a put repeated within
 * its duplicate window, two minutes by default, once).
 * Finding and removing one reads the stream message by message: dead letters are few, and an operator's tool.
 * Dead letters older than the configured age, or beyond the configured size, are dropped, the oldest first.
 * Blocking; thread-safe.
 */
public final class JetStreamDeadLetterStore implements DeadLetterStore {
    public static final String STREAM = "PRECINCT_COMMAND_DLQ";
    static final String SUBJECT_PREFIX = "precinct.dlq.command.";
    private static final String MSG_ID = "Nats-Msg-Id";

    /** A dead letter and the stream sequence it is kept at. */
    private record Kept(long sequence, DeadLetter deadLetter) {
    }

    private final Connection connection;
    private final JsonCodec codec;

    /**
     * Creates the stream when missing, keeping each dead letter up to {@code maxAge} and the stream up to
     * {@code maxBytes} (the oldest go first); an existing stream is given these limits. Blocks on JetStream; throws
     * {@link IOException} when JetStream cannot be reached or refuses.
     */
    public JetStreamDeadLetterStore(Connection connection, JsonCodec codec, Duration maxAge, long maxBytes)
            throws IOException {
        this.connection = connection;
        this.codec = codec;
        try {
            var management = connection.jetStreamManagement();
            if (!management.getStreamNames().contains(STREAM)) {
                management.addStream(StreamConfiguration.builder()
                        .name(STREAM)
                        .subjects(SUBJECT_PREFIX + ">")
                        .storageType(StorageType.File)
                        .maxAge(maxAge)
                        .maxBytes(maxBytes)
                        .build());
            } else {
                var existing = management.getStreamInfo(STREAM).getConfiguration();
                if (!existing.getMaxAge().equals(maxAge) || existing.getMaxBytes() != maxBytes)
                    management.updateStream(StreamConfiguration.builder(existing).maxAge(maxAge).maxBytes(maxBytes)
                            .build());
            }
        } catch (JetStreamApiException e) {
            throw new IOException("cannot create or configure the JetStream stream " + STREAM, e);
        }
    }

    @Override
    public void put(DeadLetter deadLetter) {
        var headers = new Headers()
                .put(MSG_ID, deadLetter.id())
                .put(NatsHeaders.COMMAND_ID, deadLetter.event().commandId().value())
                .put(NatsHeaders.CORRELATION_ID, deadLetter.event().correlationId().toString());
        try {
            connection.jetStream().publish(SUBJECT_PREFIX + deadLetter.event().type().name(), headers,
                    codec.admin().encodeDeadLetter(deadLetter));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + STREAM, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("JetStream refused the dead letter", e);
        }
    }

    @Override
    public List<DeadLetter> list() {
        return kept().stream().map(Kept::deadLetter).toList();
    }

    /** The stream's message count, from its state: no message is read. */
    @Override
    public long count() {
        try {
            return connection.jetStreamManagement().getStreamInfo(STREAM).getStreamState().getMsgCount();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state of " + STREAM, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read the state of " + STREAM, e);
        }
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return kept().stream().map(Kept::deadLetter).filter(letter -> letter.id().equals(id)).findFirst();
    }

    @Override
    public boolean remove(String id) {
        try {
            var management = connection.jetStreamManagement();
            boolean removed = false;
            for (var kept : kept())
                if (kept.deadLetter().id().equals(id)) removed |= deleted(management, kept.sequence());
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove from " + STREAM, e);
        }
    }

    private static boolean deleted(JetStreamManagement management, long sequence) throws IOException {
        try {
            return management.deleteMessage(STREAM, sequence);
        } catch (JetStreamApiException gone) {
            // removed meanwhile by another edge
            return false;
        }
    }

    /** Every dead letter of the stream with its sequence, oldest first. */
    private List<Kept> kept() {
        try {
            JetStreamManagement management = connection.jetStreamManagement();
            var state = management.getStreamInfo(STREAM).getStreamState();
            var letters = new ArrayList<Kept>();
            if (state.getMsgCount() == 0) return letters;
            for (long sequence = state.getFirstSequence(); sequence <= state.getLastSequence(); sequence++) {
                try {
                    letters.add(new Kept(sequence,
                            codec.admin().decodeDeadLetter(management.getMessage(STREAM, sequence).getData())));
                } catch (JetStreamApiException deleted) {
                    // a gap: the message was removed (re-driven)
                }
            }
            return letters;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STREAM, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read " + STREAM, e);
        }
    }
}
