package dev.precinct.adapters.rest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a token must carry besides a good signature, and where its roles are.
 *
 * @param issuer     the required {@code iss}, or null to accept any
 * @param audience   the required {@code aud}, or null to accept any
 * @param rolesClaim the claim that holds the role names, as a dotted path into nested objects
 *                   ({@code roles}, or {@code realm_access.roles} for Keycloak); its value is an array of strings
 */
public record TokenRules(String issuer, String audience, String rolesClaim) {
    /** Where Precinct's own tokens ({@link JwtTokens}) keep the roles. */
    public static final String DEFAULT_ROLES_CLAIM = "roles";
    private static final Pattern PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");

    /** @throws IllegalArgumentException when {@code rolesClaim} is not a dotted path of non-empty names */
    public TokenRules {
        if (rolesClaim == null || !PATH.matcher(rolesClaim).matches())
            throw new IllegalArgumentException("the roles claim must be a dotted path of claim names, like roles or "
                    + "realm_access.roles; got " + rolesClaim);
    }

    /** Precinct's own tokens: the roles in {@code roles}. */
    public static TokenRules of(String issuer, String audience) {
        return new TokenRules(issuer, audience, DEFAULT_ROLES_CLAIM);
    }

    /** The same rules with another required issuer. */
    TokenRules withIssuer(String required) {
        return new TokenRules(required, audience, rolesClaim);
    }

    /** The names along {@link #rolesClaim()}: {@code realm_access.roles} → [realm_access, roles]. */
    List<String> rolesPath() {
        return List.of(rolesClaim.split("\\."));
    }
}
