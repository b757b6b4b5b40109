package dev.precinct.core.command;

import java.util.Collection;
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

    /** Whether the caller has at least one of {@code allowed}. */
    public boolean hasAnyOf(Collection<Role> allowed) {
        for (var role : allowed) if (roles.contains(role)) return true;
        return false;
    }
}
