package dev.precinct.adapters.rest;

import dev.precinct.core.command.Caller;

/**
 * Tells who sends a request from its bearer token. Thread-safe. Blocks only while it fetches keys from an identity
 * provider (a JWKS URL), which a token with an unknown key id may cause, bounded by the fetch's timeouts.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * The caller the token names; throws {@link InvalidTokenException} for a token that is malformed, unsigned, signed
     * with another key or algorithm, expired, or for another issuer or audience.
     */
    Caller authenticate(String bearerToken) throws InvalidTokenException;
}
