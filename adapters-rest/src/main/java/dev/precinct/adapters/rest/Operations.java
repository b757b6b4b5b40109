package dev.precinct.adapters.rest;

import dev.precinct.core.port.Traces;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the edge's operations routes serve and feed: the readiness checks, the metrics in Prometheus text format, the
 * observer told about every answer, and the traces that get a span per command.
 *
 * @param metrics the current metrics, in the Prometheus text exposition format; may block briefly
 */
public record Operations(List<HealthCheck> checks, Supplier<String> metrics, EdgeObserver observer, Traces traces) {
    public Operations {
        checks = List.copyOf(checks);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(traces, "traces");
    }

    /** Operations without a tracing backend. */
    public Operations(List<HealthCheck> checks, Supplier<String> metrics, EdgeObserver observer) {
        this(checks, metrics, observer, Traces.NONE);
    }
}
