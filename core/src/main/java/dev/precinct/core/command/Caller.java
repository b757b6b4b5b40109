package dev.precinct.core.command;

import java.util.Objects;
import java.util.Set;

/** Who sends a request, as the edge authenticated them: the principal and the roles their token grants. */
public record Caller(Principal principal, Set<Role> roles) {
    public Caller {
        Objects.requireNonNull(principal, "principal");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether the caller may read the read models: dispatchers, supervisors and officers read everything. */
    public boolean mayRead() {
        return has(Role.DISPATCHER) || has(Role.SUPERVISOR) || has(Role.OFFICER);
    }
}
