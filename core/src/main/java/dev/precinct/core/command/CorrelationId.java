package dev.precinct.core.command;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A UUID the edge gives each new command; it names the command's status and travels on every hop. */
public record CorrelationId(UUID value) {
    public CorrelationId {
        Objects.requireNonNull(value, "correlationId");
    }

    public static CorrelationId random() {
        return new CorrelationId(UUID.randomUUID());
    }

    public static CorrelationId parse(String text) {
        return new CorrelationId(UUID.fromString(text));
    }

    /** The id in {@code text}, or empty when it is not a UUID. */
    public static Optional<CorrelationId> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
