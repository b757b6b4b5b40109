package dev.precinct.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Records finished spans of a command's work (edge, business logic, projector) in the command's W3C trace, for a
 * tracing backend. Thread-safe; never blocks for long and never throws (it runs on the command's path).
 */
@FunctionalInterface
public interface Traces {
    /** Records nothing: no tracing backend is configured. */
    Traces NONE = (name, traceparent, start, took, attributes) -> { };

    /**
     * One span named {@code name}, a child of {@code traceparent}, from {@code start} for {@code took}.
     *
     * @param attributes low-cardinality facts about the work (command id, outcome)
     */
    void span(String name, String traceparent, Instant start, Duration took, Map<String, String> attributes);
}
