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
import dev.precinct.core.command.Caller;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Role;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies JWT bearer tokens with nimbus-jose-jwt: HS256 with a shared secret, or RS256 with the keys of a JWKS
 * file. Only that one algorithm is accepted (an unsigned {@code alg: none} token never is); {@code sub} and
 * {@code exp} are required, {@code exp} is checked with {@value #CLOCK_SKEW_SECONDS} s of clock skew, and
 * {@code iss} and {@code aud} when configured. The token's {@code roles} claim (an array of role names) becomes
 * the caller's roles; names Precinct does not know are ignored.
 *
 * <p>A token that passed verification is remembered, by its exact text, until its {@code exp} (plus the clock
 * skew) and no longer: a client sends the same token with every request, and verifying it again (signature, claims)
 * was about a tenth of the edge's CPU per request. A remembered token is accepted only while the checks of time
 * that verification made ({@code exp}, {@code nbf}) would still pass; every other check depends on the token's
 * text and the configured keys alone, which do not change while the process runs. A refused token is never
 * remembered. At most {@value #DEFAULT_CACHE_ENTRIES} tokens are remembered; when that many are, the expired ones
 * are dropped, and then arbitrary ones until there is room.
 */
public final class JwtAuthenticator implements Authenticator {
    static final int CLOCK_SKEW_SECONDS = 30;
    static final int DEFAULT_CACHE_ENTRIES = 2_048;
    private static final long CLOCK_SKEW_MILLIS = CLOCK_SKEW_SECONDS * 1_000L;

    /** A verified token's caller, and the instants (epoch ms, exclusive) between which its time checks pass. */
    private record Verified(Caller caller, long notBeforeMillis, long expiresMillis) {
        boolean validAt(long nowMillis) {
            return nowMillis > notBeforeMillis && nowMillis < expiresMillis;
        }
    }

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final Clock clock;
    private final int cacheEntries;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private JwtAuthenticator(JWSAlgorithm algorithm, JWKSource<SecurityContext> keys, String issuer, String audience,
                             Clock clock, int cacheEntries) {
        if (cacheEntries < 0) throw new IllegalArgumentException("cacheEntries must not be negative");
        this.clock = clock;
        this.cacheEntries = cacheEntries;
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
        var exact = new JWTClaimsSet.Builder();
        if (issuer != null) exact.issuer(issuer);
        var verifier = new DefaultJWTClaimsVerifier<>(audience == null ? null : Set.of(audience), exact.build(),
                Set.of("sub", "exp"), null) {
            @Override
            protected Date currentTime() {
                // the same clock as the cache's, so a remembered token ends exactly when verification would refuse it
                return new Date(clock.millis());
            }
        };
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
        return hs256(secret, issuer, audience, Clock.systemUTC(), DEFAULT_CACHE_ENTRIES);
    }

    /**
     * As {@link #hs256(byte[], String, String)}, telling time by {@code clock} and remembering up to
     * {@code cacheEntries} verified tokens (0: none).
     */
    static JwtAuthenticator hs256(byte[] secret, String issuer, String audience, Clock clock, int cacheEntries) {
        if (secret.length < 32) throw new IllegalArgumentException("the HS256 secret must be at least 32 bytes");
        return new JwtAuthenticator(JWSAlgorithm.HS256, new ImmutableSecret<>(secret), issuer, audience, clock,
                cacheEntries);
    }

    /** RS256 tokens signed with one of the keys in the JWKS file {@code jwks}. */
    public static JwtAuthenticator rs256(Path jwks, String issuer, String audience) throws IOException {
        try {
            return new JwtAuthenticator(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.load(jwks.toFile())), issuer,
                    audience, Clock.systemUTC(), DEFAULT_CACHE_ENTRIES);
        } catch (ParseException e) {
            throw new IOException("not a JWKS file: " + jwks, e);
        }
    }

    @Override
    public Caller authenticate(String bearerToken) throws InvalidTokenException {
        var remembered = verified.get(bearerToken);
        if (remembered != null) {
            if (remembered.validAt(clock.millis())) return remembered.caller();
            // expired: verification below refuses it with the usual reason
            verified.remove(bearerToken, remembered);
        }
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
        var caller = new Caller(new Principal(subject), roles(claims));
        remember(bearerToken, claims, caller);
        return caller;
    }

    /** Remembers a verified token for as long as the verifier's time checks pass ({@code exp} is required). */
    private void remember(String token, JWTClaimsSet claims, Caller caller) {
        if (cacheEntries == 0) return;
        var notBefore = claims.getNotBeforeTime();
        var entry = new Verified(caller,
                notBefore == null ? Long.MIN_VALUE : notBefore.getTime() - CLOCK_SKEW_MILLIS,
                claims.getExpirationTime().getTime() + CLOCK_SKEW_MILLIS);
        if (verified.size() >= cacheEntries) makeRoom();
        verified.put(token, entry);
    }

    /** Drops the expired tokens, then arbitrary ones until one more fits. Rare: clients reuse their tokens. */
    private void makeRoom() {
        long now = clock.millis();
        verified.values().removeIf(entry -> !entry.validAt(now));
        var tokens = verified.keySet().iterator();
        while (verified.size() >= cacheEntries && tokens.hasNext()) {
            tokens.next();
            tokens.remove();
        }
    }

    /** How many verified tokens are remembered now. */
    int rememberedTokens() {
        return verified.size();
    }

    private static Set<Role> roles(JWTClaimsSet claims) throws InvalidTokenException {
        var roles = new HashSet<Role>();
        try {
            var names = claims.getStringListClaim("roles");
            if (names != null) for (var name : new HashSet<>(names)) Role.fromWire(name).ifPresent(roles::add);
        } catch (ParseException e) {
            throw new InvalidTokenException("the roles claim must be an array of role names", e);
        }
        return roles;
    }
}
