package dev.precinct.adapters.rest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.precinct.core.command.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;

/** Mints HS256 tokens that {@link JwtAuthenticator#hs256} accepts: for development, tests and the CLI. */
public final class JwtTokens {
    private JwtTokens() {
    }

    /**
     * A token for {@code subject} with {@code roles}, valid from {@code now} for {@code ttl}.
     *
     * @param issuer   the {@code iss} claim, or null for none
     * @param audience the {@code aud} claim, or null for none
     */
    public static String hs256(byte[] secret, String subject, Collection<Role> roles, Instant now, Duration ttl,
                               String issuer, String audience) {
        var claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles.stream().map(Role::wireName).toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .issuer(issuer)
                .audience(audience)
                .build();
        var token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with this secret: " + e.getMessage(), e);
        }
        return token.serialize();
    }
}
