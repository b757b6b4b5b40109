package dev.precinct.core.command;

import java.util.Objects;

/** Who issued a command: the authenticated subject at the edge, recorded in every event as {@code issuedBy}. */
public record Principal(String name) {
    /** The principal of requests while the edge does not authenticate. */
    public static final Principal ANONYMOUS = new Principal("anonymous");

    public Principal {
        Objects.requireNonNull(name, "principal");
        if (name.isBlank()) throw new IllegalArgumentException("principal must not be blank");
    }

    @Override
    public String toString() {
        return name;
    }
}
