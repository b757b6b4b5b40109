package dev.precinct.app;

import java.util.Locale;

/** Which parts of Precinct a process runs. */
public enum Role {
    /** Edge, business logic and projector in one process. */
    ALL,
    /** The REST edge only: sends commands over NATS, reads the read models in PostgreSQL. */
    EDGE,
    /** The business-logic service only: answers NATS requests, publishes to Kafka. */
    BL,
    /** The projectors only: fold Kafka into the read models in PostgreSQL. */
    PROJECTOR;

    static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be one of all, edge, bl, projector; got " + text);
        }
    }

    boolean runsEdge() {
        return this == ALL || this == EDGE;
    }

    boolean runsBusinessLogic() {
        return this == ALL || this == BL;
    }

    boolean runsProjector() {
        return this == ALL || this == PROJECTOR;
    }
}
