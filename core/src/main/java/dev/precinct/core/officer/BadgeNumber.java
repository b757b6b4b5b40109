package dev.precinct.core.officer;

import java.util.regex.Pattern;

/** An officer's badge number, the officer aggregate's id: 3 to 16 of A–Z, 0–9 and '-'. */
public record BadgeNumber(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9-]{3,16}");

    public BadgeNumber {
        if (!isValid(value)) throw new IllegalArgumentException("badgeNumber must match [A-Z0-9-]{3,16}");
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
