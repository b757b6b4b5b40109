package dev.precinct.core.command;

import java.util.Locale;
import java.util.Optional;

/** Who may do what, as docs/DOMAIN.md's role table says; the catalog names the roles allowed to send each command. */
public enum Role {
    DISPATCHER, SUPERVISOR, OFFICER, SENSOR, ADMIN;

    /** The role's name on the wire (in token claims): lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code wireName} on the wire, or empty for a name Precinct does not know. */
    public static Optional<Role> fromWire(String wireName) {
        for (var role : values()) if (role.wireName().equals(wireName)) return Optional.of(role);
        return Optional.empty();
    }
}
