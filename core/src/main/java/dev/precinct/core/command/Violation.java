package dev.precinct.core.command;

import java.util.Objects;

/** One broken field rule: the JSON field's name and what is wrong with it. */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
