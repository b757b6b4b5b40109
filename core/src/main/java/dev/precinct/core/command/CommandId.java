package dev.precinct.core.command;

import java.util.UUID;

/**
 * The client's idempotency key: the {@code Idempotency-Key} header when given, else a UUID from the edge.
 * One to 128 printable ASCII characters.
 */
public record CommandId(String value) {
    public CommandId {
        if (!isValid(value))
            throw new IllegalArgumentException("commandId must be 1 to 128 printable ASCII characters");
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > 128) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) return false;
        }
        return true;
    }

    public static CommandId random() {
        return new CommandId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
