package dev.precinct.codec.json;

import dev.precinct.core.command.Command;
import dev.precinct.core.command.Violation;

import java.util.List;
import java.util.Objects;

/** A command body after decoding: the command's data, or why the body does not have the command's shape. */
public sealed interface DecodedCommand {
    record Valid(Command data) implements DecodedCommand {
        public Valid {
            Objects.requireNonNull(data, "data");
        }
    }

    /** Not JSON, not an object, an unknown field, a wrong type or a missing required field. */
    record Malformed(String detail, List<Violation> violations) implements DecodedCommand {
        public Malformed {
            Objects.requireNonNull(detail, "detail");
            violations = List.copyOf(violations);
        }
    }
}
