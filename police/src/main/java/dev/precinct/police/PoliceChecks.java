package dev.precinct.police;

import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.command.Violation;

import java.util.List;
import java.util.regex.Pattern;

/** The field rules of the police commands beyond core's shared ones: badge numbers and locations. */
public final class PoliceChecks {
    private static final Pattern BADGE = Pattern.compile("[A-Z0-9-]{3,16}");

    private PoliceChecks() {
    }

    /** Whether {@code value} is a badge number: 3 to 16 of A–Z, 0–9 and '-'. */
    public static boolean isBadge(String value) {
        return value != null && BADGE.matcher(value).matches();
    }

    public static void badge(List<Violation> out, String field, String value) {
        if (!isBadge(value)) out.add(new Violation(field, "must match ^[A-Z0-9-]{3,16}$"));
    }

    public static void optionalBadge(List<Violation> out, String field, String value) {
        if (value != null) badge(out, field, value);
    }

    /** A location's latitude (−90..90) and longitude (−180..180), and its optional address. */
    public static void location(List<Violation> out, String field, Location location) {
        if (location == null) {
            out.add(new Violation(field, "is required"));
            return;
        }
        if (!(location.lat() >= -90 && location.lat() <= 90))
            out.add(new Violation(field + ".lat", "must be from -90 to 90"));
        if (!(location.lon() >= -180 && location.lon() <= 180))
            out.add(new Violation(field + ".lon", "must be from -180 to 180"));
        FieldChecks.optionalText(out, field + ".address", location.address(), 500);
    }
}
