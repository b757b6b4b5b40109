package dev.precinct.app;

import java.util.concurrent.atomic.AtomicInteger;

/** Request bodies for officer commands, each with a badge number no other test uses. */
final class OfficerJson {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 46656, 36).toUpperCase();

    private OfficerJson() {
    }

    static String aBadge() {
        return "T" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    static String registration(String badge) {
        return registration(badge, "SERGEANT");
    }

    static String registration(String badge, String rank) {
        return """
                {"badgeNumber":"%s","firstName":"Ada","lastName":"Lovelace","rank":"%s","unit":"Central"}"""
                .formatted(badge, rank);
    }
}
