package dev.precinct.core.projection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An aggregate a projection has parked: its parked records in log order, the first being the one it could not apply.
 * An operator's event dead letter, known by an opaque {@link #id() id}.
 */
public record ParkedAggregate(String projection, String aggregateId, List<ParkedEvent> events) {
    private static final String PREFIX = "event-";

    public ParkedAggregate {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(aggregateId, "aggregateId");
        events = List.copyOf(events);
        if (events.isEmpty()) throw new IllegalArgumentException("a parked aggregate has parked records");
    }

    /** The id of the event dead letter: URL-safe, and never the id of a command dead letter (a UUID). */
    public String id() {
        return idOf(projection, aggregateId);
    }

    /** The record the aggregate is parked on. */
    public ParkedEvent first() {
        return events.getFirst();
    }

    public static String idOf(String projection, String aggregateId) {
        var raw = projection + "\n" + aggregateId;
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The projection and aggregate id an {@link #id() id} names; empty when it names none. */
    public static Optional<String[]> parseId(String id) {
        if (id == null || !id.startsWith(PREFIX)) return Optional.empty();
        try {
            var raw = new String(Base64.getUrlDecoder().decode(id.substring(PREFIX.length())), StandardCharsets.UTF_8);
            int newline = raw.indexOf('\n');
            if (newline < 0) return Optional.empty();
            return Optional.of(new String[] {raw.substring(0, newline), raw.substring(newline + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
