package dev.precinct.core.command;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The field rules commands share. Each check adds a {@link Violation} to {@code out} when its field breaks the
 * rule; optional fields ({@code null}) pass the checks whose names say "optional".
 */
public final class FieldChecks {
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant PAST_LAST = Instant.parse("+10000-01-01T00:00:00Z");

    private FieldChecks() {
    }

    /** Required text, not blank, at most {@code max} characters, no NUL. */
    public static void text(List<Violation> out, String field, String value, int max) {
        if (value == null || value.isBlank()) out.add(new Violation(field, "must not be blank"));
        else optionalText(out, field, value, max);
    }

    /** Optional text of at most {@code max} characters, no NUL (no store keeps it). */
    public static void optionalText(List<Violation> out, String field, String value, int max) {
        if (value == null) return;
        if (value.length() > max) out.add(new Violation(field, "must be at most " + max + " characters"));
        else if (value.indexOf('\0') >= 0) out.add(new Violation(field, "must not contain NUL characters"));
    }

    public static <E extends Enum<E>> void oneOf(List<Violation> out, String field, String value, Class<E> type) {
        var names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (value == null || !names.contains(value))
            out.add(new Violation(field, "must be one of " + String.join(", ", names)));
    }

    /** Whether {@code value} is a UUID in its canonical text form. */
    public static boolean isUuid(String value) {
        if (value == null || value.length() != 36) return false;
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static void optionalUuid(List<Violation> out, String field, String value) {
        if (value != null && !isUuid(value)) out.add(new Violation(field, "must be a UUID"));
    }

    public static void uuid(List<Violation> out, String field, String value) {
        if (!isUuid(value)) out.add(new Violation(field, "must be a UUID"));
    }

    /**
     * Whether {@code value} is an RFC 3339 UTC time such as {@code 2026-11-29T08:15:00Z}, in years 1 to 9999 and
     * to the microsecond at most: what every store keeps exactly.
     */
    public static boolean isTime(String value) {
        if (value == null) return false;
        try {
            var time = Instant.parse(value);
            return time.getNano() % 1_000 == 0 && !time.isBefore(FIRST) && time.isBefore(PAST_LAST);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public static void time(List<Violation> out, String field, String value) {
        if (!isTime(value)) out.add(new Violation(field, "must be an RFC 3339 UTC time, e.g. 2026-11-29T08:15:00Z"));
    }

    public static void optionalTime(List<Violation> out, String field, String value) {
        if (value != null) time(out, field, value);
    }
}
