package dev.precinct.core.command;

import java.util.List;
import java.util.Objects;

/** Why a command is not accepted: a value, not an exception, because refusing a command is business as usual. */
public record Rejection(Acceptance.Code code, String reason, List<Violation> violations) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        violations = List.copyOf(violations);
    }

    public static Rejection conflict(String reason) {
        return new Rejection(Acceptance.Code.CONFLICT, reason, List.of());
    }

    public static Rejection notFound(String reason) {
        return new Rejection(Acceptance.Code.NOT_FOUND, reason, List.of());
    }

    public static Rejection invalid(List<Violation> violations) {
        return new Rejection(Acceptance.Code.VALIDATION_FAILED, "the command breaks field rules", violations);
    }
}
