package dev.precinct.adapters.rest;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the edge's operations routes serve: the readiness checks, the metrics in Prometheus text format, and the
 * observer told about every answer.
 *
 * @param metrics the current metrics, in the Prometheus text exposition format; may block briefly
 */
public record Operations(List<HealthCheck> checks, Supplier<String> metrics, EdgeObserver observer) {
    public Operations {
        checks = List.copyOf(checks);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(observer, "observer");
    }
}
