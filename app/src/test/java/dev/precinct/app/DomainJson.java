package dev.precinct.app;

/** Request bodies for incident and observation commands. */
final class DomainJson {
    private DomainJson() {
    }

    static String incident() {
        return """
                {"category":"BURGLARY","priority":"P2","location":{"lat":51.5,"lon":-0.12,"address":"1 High St"},\
                "description":"window forced at the back"}""";
    }

    static String plateRead(String badge, String plate) {
        return """
                {"kind":"PLATE_READ","observedAt":"2026-11-29T08:15:00Z","location":{"lat":51.51,"lon":-0.13},\
                "badgeNumber":"%s"%s}""".formatted(badge, plate == null ? "" : ",\"plate\":\"" + plate + "\"");
    }
}
