package dev.precinct.police;

import dev.precinct.core.command.Role;

/** The police roles, as the tokens' roles claim names them; {@link Role#ADMIN} is Precinct's own. */
public final class PoliceRoles {
    /** Reports, assigns and closes incidents; reads everything. */
    public static final Role DISPATCHER = Role.of("dispatcher");
    /** Registers officers and changes duty status; reads everything. */
    public static final Role SUPERVISOR = Role.of("supervisor");
    /** Records observations and changes their own duty status; reads everything. The token's subject is the badge. */
    public static final Role OFFICER = Role.of("officer");
    /** Records observations only. */
    public static final Role SENSOR = Role.of("sensor");

    private PoliceRoles() {
    }
}
