package dev.precinct.core.command;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A role a token grants, by its name on the wire (in the token's roles claim). A domain names the roles allowed to
 * send each of its commands and to read its read models; Precinct itself knows only {@link #ADMIN}, the operator's.
 *
 * @param name lower case letters, digits, {@code -} and {@code _}, starting with a letter; at most 64 characters
 */
public record Role(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /** The operator's role: the {@code /admin} routes (projections, dead letters, rebuilds). */
    public static final Role ADMIN = new Role("admin");

    public Role {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches())
            throw new IllegalArgumentException("a role name is lower case letters, digits, - and _, starting with a "
                    + "letter, at most 64 characters: " + name);
    }

    /** The role named {@code name}; throws {@link IllegalArgumentException} for a name that cannot be a role. */
    public static Role of(String name) {
        return new Role(name);
    }

    /** The role's name on the wire (in token claims). */
    public String wireName() {
        return name;
    }

    /** The role named {@code wireName} on the wire, or empty for a name that cannot be a role. */
    public static Optional<Role> fromWire(String wireName) {
        return wireName != null && NAME.matcher(wireName).matches() ? Optional.of(new Role(wireName)) : Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
