package dev.precinct.core;

import java.util.Locale;

/** Who may do what, as DOMAIN.md's role table says; the catalog names the roles allowed to send each command. */
public enum Role {
    DISPATCHER, SUPERVISOR, OFFICER, SENSOR, ADMIN;

    /** The role's name on the wire (in token claims): lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
