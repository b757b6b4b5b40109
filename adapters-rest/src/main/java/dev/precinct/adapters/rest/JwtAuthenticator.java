package dev.precinct.adapters.rest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.precinct.core.Caller;
import dev.precinct.core.Principal;
import dev.precinct.core.Role;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies JWT bearer tokens with nimbus-jose-jwt: HS256 with a shared secret, or RS256 with the keys of a JWKS
 * file. Only that one algorithm is accepted (an unsigned {@code alg: none} token never is); {@code sub} and
 * {@code exp} are required, {@code exp} is checked with {@value #CLOCK_SKEW_SECONDS} s of clock skew, and
 * {@code iss} and {@code aud} when configured. The token's {@code roles} claim (an array of role names) becomes
 * the caller's roles; names Precinct does not know are ignored.
 */
public final class JwtAuthenticator implements Authenticator {
    static final int CLOCK_SKEW_SECONDS = 30;

    private final ConfigurableJWTProcessor<SecurityContext> processor;

    private JwtAuthenticator(JWSAlgorithm algorithm, JWKSource<SecurityContext> keys, String issuer, String audience) {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
        var exact = new JWTClaimsSet.Builder();
        if (issuer != null) exact.issuer(issuer);
        var verifier = new DefaultJWTClaimsVerifier<>(audience == null ? null : Set.of(audience), exact.build(),
                Set.of("sub", "exp"), null);
        verifier.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(verifier);
    }

    /**
     * HS256 tokens signed with {@code secret} (at least 32 bytes).
     *
     * @param issuer   the required {@code iss}, or null to accept any
     * @param audience the required {@code aud}, or null to accept any
     */
    public static JwtAuthenticator hs256(byte[] secret, String issuer, String audience) {
        if (secret.length < 32) throw new IllegalArgumentException("the HS256 secret must be at least 32 bytes");
        return new JwtAuthenticator(JWSAlgorithm.HS256, new ImmutableSecret<>(secret), issuer, audience);
    }

    /** RS256 tokens signed with one of the keys in the JWKS file {@code jwks}. */
    public static JwtAuthenticator rs256(Path jwks, String issuer, String audience) throws IOException {
        try {
            return new JwtAuthenticator(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.load(jwks.toFile())), issuer,
                    audience);
        } catch (ParseException e) {
            throw new IOException("not a JWKS file: " + jwks, e);
        }
    }

    @Override
    public Caller authenticate(String bearerToken) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a JWT", e);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage(), e);
        }
        var subject = claims.getSubject();
        if (subject == null || subject.isBlank()) throw new InvalidTokenException("the token names no subject", null);
        return new Caller(new Principal(subject), roles(claims));
    }

    private static Set<Role> roles(JWTClaimsSet claims) throws InvalidTokenException {
        var roles = EnumSet.noneOf(Role.class);
        try {
            var names = claims.getStringListClaim("roles");
            if (names != null) for (var name : new HashSet<>(names)) Role.fromWire(name).ifPresent(roles::add);
        } catch (ParseException e) {
            throw new InvalidTokenException("the roles claim must be an array of role names", e);
        }
        return roles;
    }
}
