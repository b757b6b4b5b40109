package dev.precinct.core.command;

import java.util.List;
import java.util.Objects;

/**
 * The shape of one JSON field of a command: its name, its JSON kind, whether it is required and, for objects,
 * the fields inside. The edge checks a body against these shapes before anything else (400 when it does not fit);
 * the values are then checked by the command's rules (422).
 */
public record Field(String name, Kind kind, boolean required, List<Field> fields) {
    /** The JSON kinds a field may have. */
    public enum Kind { STRING, NUMBER, OBJECT }

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
    }

    public static Field text(String name) {
        return new Field(name, Kind.STRING, true, List.of());
    }

    public static Field optionalText(String name) {
        return new Field(name, Kind.STRING, false, List.of());
    }

    public static Field number(String name) {
        return new Field(name, Kind.NUMBER, true, List.of());
    }

    public static Field object(String name, boolean required, Field... fields) {
        return new Field(name, Kind.OBJECT, required, List.of(fields));
    }
}
