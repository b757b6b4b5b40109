package dev.precinct.adapters.rest;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One dependency readiness depends on: its name (as reported in {@code /health/ready}) and a probe that answers
 * whether it is reachable now. The probe may block briefly; it is never called on an IO thread.
 */
public record HealthCheck(String name, BooleanSupplier probe) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
    }
}
