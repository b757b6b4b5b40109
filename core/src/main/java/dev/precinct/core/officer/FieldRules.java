package dev.precinct.core.officer;

import dev.precinct.core.Violation;

import java.util.Arrays;
import java.util.List;

/** Small checks the officer commands share, each adding a violation when its field breaks the rule. */
final class FieldRules {
    private FieldRules() {
    }

    static void badge(List<Violation> out, String field, String value) {
        if (!BadgeNumber.isValid(value)) out.add(new Violation(field, "must match ^[A-Z0-9-]{3,16}$"));
    }

    static void text(List<Violation> out, String field, String value, int max) {
        if (value == null || value.isBlank()) out.add(new Violation(field, "must not be blank"));
        else if (value.length() > max) out.add(new Violation(field, "must be at most " + max + " characters"));
    }

    static <E extends Enum<E>> void oneOf(List<Violation> out, String field, String value, Class<E> type) {
        var names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (!names.contains(value)) out.add(new Violation(field, "must be one of " + String.join(", ", names)));
    }
}
