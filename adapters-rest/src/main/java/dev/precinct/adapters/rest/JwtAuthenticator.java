package dev.precinct.adapters.rest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.precinct.core.command.Caller;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies JWT bearer tokens with nimbus-jose-jwt: HS256 with a shared secret, or RS256 and ES256 with the public keys
 * of a JWKS, read from a file or fetched from an identity provider (a JWKS URL, or the {@code jwks_uri} of an OpenID
 * Connect discovery document). Only those algorithms are accepted (an unsigned {@code alg: none} token never is);
 * {@code sub} and {@code exp} are required, {@code exp} is checked with {@value #CLOCK_SKEW_SECONDS} s of clock skew,
 * and {@code iss} and {@code aud} when the {@link TokenRules} name them. The roles claim (an array of role names, at
 * the rules' dotted path) becomes the caller's roles; names Precinct does not know are ignored.
 *
 * <p>A fetched JWKS is nimbus's {@link JWKSourceBuilder} source: cached for {@value #JWKS_CACHE_MINUTES} minutes
 * and refreshed in the background before it expires; a token whose {@code kid} is not in the cached set makes it
 * fetch the set at once (the identity provider rotated its keys), at most twice per
 * {@value #JWKS_RATE_LIMIT_SECONDS} s, so a flood of tokens with made-up {@code kid}s cannot hammer the identity
 * provider: past the limit such a token is refused without a fetch. A fetch takes at most
 * {@value #JWKS_HTTP_TIMEOUT_MILLIS} ms to connect and as long to read, and blocks the thread that verifies the token.
 *
 * <p>A token that passed verification is remembered, by its exact text, until its {@code exp} (plus the clock
 * skew) and no longer: a client sends the same token with every request, and verifying it again (signature, claims)
 * was about a tenth of the edge's CPU per request. A remembered token is accepted only while the checks of time
 * that verification made ({@code exp}, {@code nbf}) would still pass; every other check depends on the token's
 * text and the keys. Static keys (a secret, a JWKS file) do not change while the process runs; fetched keys do, so
 * with them a token is remembered for at most the JWKS cache's lifetime, and a key the identity provider withdrew
 * stops being accepted within that time. A refused token is never remembered. At most
 * {@value #DEFAULT_CACHE_ENTRIES} tokens are remembered; when that many are, the expired ones are dropped, and then
 * arbitrary ones until there is room.
 *
 * <p>Thread-safe.
 */
public final class JwtAuthenticator implements Authenticator {
    static final int CLOCK_SKEW_SECONDS = 30;
    static final int DEFAULT_CACHE_ENTRIES = 2_048;
    static final int JWKS_CACHE_MINUTES = 5;
    static final int JWKS_RATE_LIMIT_SECONDS = 30;
    static final int JWKS_HTTP_TIMEOUT_MILLIS = 2_000;
    private static final int JWKS_SIZE_LIMIT_BYTES = 256 * 1024;
    private static final long CLOCK_SKEW_MILLIS = CLOCK_SKEW_SECONDS * 1_000L;
    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** Keys that cannot change while the process runs: remember a token until it expires. */
    private static final Duration STATIC_KEYS = Duration.ofMillis(Long.MAX_VALUE);
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    /** A verified token's caller, and the instants (epoch ms, exclusive) between which it may be taken as verified. */
    private record Verified(Caller caller, long notBeforeMillis, long expiresMillis) {
        boolean validAt(long nowMillis) {
            return nowMillis > notBeforeMillis && nowMillis < expiresMillis;
        }
    }

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final List<String> rolesPath;
    private final Clock clock;
    private final int cacheEntries;
    private final long rememberAtMostMillis;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private JwtAuthenticator(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys, TokenRules rules,
                             Duration rememberAtMost, Clock clock, int cacheEntries) {
        if (cacheEntries < 0) throw new IllegalArgumentException("cacheEntries must not be negative");
        this.clock = clock;
        this.cacheEntries = cacheEntries;
        this.rememberAtMostMillis = rememberAtMost.toMillis();
        this.rolesPath = rules.rolesPath();
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        var exact = new JWTClaimsSet.Builder();
        if (rules.issuer() != null) exact.issuer(rules.issuer());
        var verifier = new DefaultJWTClaimsVerifier<>(rules.audience() == null ? null : Set.of(rules.audience()),
                exact.build(), Set.of("sub", "exp"), null) {
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
     * HS256 tokens signed with {@code secret} (at least 32 bytes), with the roles in {@code roles}.
     *
     * @param issuer   the required {@code iss}, or null to accept any
     * @param audience the required {@code aud}, or null to accept any
     */
    public static JwtAuthenticator hs256(byte[] secret, String issuer, String audience) {
        return hs256(secret, TokenRules.of(issuer, audience));
    }

    /** HS256 tokens signed with {@code secret} (at least 32 bytes) that keep {@code rules}. */
    public static JwtAuthenticator hs256(byte[] secret, TokenRules rules) {
        return hs256(secret, rules, Clock.systemUTC(), DEFAULT_CACHE_ENTRIES);
    }

    /**
     * As {@link #hs256(byte[], String, String)}, telling time by {@code clock} and remembering up to
     * {@code cacheEntries} verified tokens (0: none).
     */
    static JwtAuthenticator hs256(byte[] secret, String issuer, String audience, Clock clock, int cacheEntries) {
        return hs256(secret, TokenRules.of(issuer, audience), clock, cacheEntries);
    }

    private static JwtAuthenticator hs256(byte[] secret, TokenRules rules, Clock clock, int cacheEntries) {
        if (secret.length < 32) throw new IllegalArgumentException("the HS256 secret must be at least 32 bytes");
        return new JwtAuthenticator(Set.of(JWSAlgorithm.HS256), new ImmutableSecret<>(secret), rules,
                STATIC_KEYS, clock, cacheEntries);
    }

    /**
     * RS256 and ES256 tokens signed with one of the keys in the JWKS file {@code jwks}, read once.
     *
     * @throws IOException when the file cannot be read or is not a JWKS
     */
    public static JwtAuthenticator jwksFile(Path jwks, TokenRules rules) throws IOException {
        try {
            return new JwtAuthenticator(PUBLIC_KEY_ALGORITHMS, new ImmutableJWKSet<>(JWKSet.load(jwks.toFile())),
                    rules, STATIC_KEYS, Clock.systemUTC(), DEFAULT_CACHE_ENTRIES);
        } catch (ParseException e) {
            throw new IOException("not a JWKS file: " + jwks, e);
        }
    }

    /**
     * RS256 and ES256 tokens signed with one of the keys the identity provider publishes at {@code jwks}, fetched,
     * cached and refreshed as the class says. Fetches the set once now, so the first request does not wait for it;
     * when that fails it logs a warning and the first token fetches again.
     */
    public static JwtAuthenticator jwksUrl(URL jwks, TokenRules rules) {
        var retriever = new DefaultResourceRetriever(JWKS_HTTP_TIMEOUT_MILLIS, JWKS_HTTP_TIMEOUT_MILLIS,
                JWKS_SIZE_LIMIT_BYTES);
        var cacheLifetime = Duration.ofMinutes(JWKS_CACHE_MINUTES);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks, retriever)
                // the builder's refresh-ahead stays on: a request in the set's last 30 s refreshes it in the background
                .cache(cacheLifetime.toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                .rateLimited(Duration.ofSeconds(JWKS_RATE_LIMIT_SECONDS).toMillis())
                .build();
        try {
            keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
        } catch (KeySourceException e) {
            LOG.warn("could not fetch the token-signing keys from {} yet: {}", jwks, e.getMessage());
        }
        return new JwtAuthenticator(PUBLIC_KEY_ALGORITHMS, keys, rules, cacheLifetime, Clock.systemUTC(),
                DEFAULT_CACHE_ENTRIES);
    }

    /**
     * As {@link #jwksUrl}, with the {@code jwks_uri} and the {@code issuer} of the OpenID Connect discovery document
     * at {@code discovery} (a {@code .well-known/openid-configuration} URL), read once now. A token must carry that
     * issuer.
     *
     * @throws IOException when the document cannot be fetched, is not JSON, lacks {@code jwks_uri} or
     *                     {@code issuer}, or names another issuer than {@code rules} requires
     */
    public static JwtAuthenticator oidcDiscovery(URL discovery, TokenRules rules) throws IOException {
        var retriever = new DefaultResourceRetriever(JWKS_HTTP_TIMEOUT_MILLIS, JWKS_HTTP_TIMEOUT_MILLIS,
                JWKS_SIZE_LIMIT_BYTES);
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(retriever.retrieveResource(discovery).getContent());
        } catch (ParseException e) {
            throw new IOException("the OpenID Connect discovery document at " + discovery + " is not JSON", e);
        }
        var issuer = text(document, "issuer", discovery);
        if (rules.issuer() != null && !rules.issuer().equals(issuer))
            throw new IOException("the discovery document at " + discovery + " names the issuer " + issuer
                    + ", not the configured " + rules.issuer());
        URL jwks;
        try {
            jwks = URI.create(text(document, "jwks_uri", discovery)).toURL();
        } catch (IllegalArgumentException e) {
            throw new IOException("the discovery document at " + discovery + " has a jwks_uri that is not a URL", e);
        }
        return jwksUrl(jwks, rules.withIssuer(issuer));
    }

    private static String text(Map<String, Object> document, String member, URL from) throws IOException {
        if (document.get(member) instanceof String value && !value.isBlank()) return value;
        throw new IOException("the OpenID Connect discovery document at " + from + " has no " + member);
    }
    @Override
    public Caller authenticate(String bearerToken) throws InvalidTokenException {
        var remembered = verified.get(bearerToken);
        if (remembered != null) {
            if (remembered.validAt(clock.millis())) return remembered.caller();
            // past its time: verification below decides afresh (and refuses an expired token with the usual reason)
            verified.remove(bearerToken, remembered);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a JWT", e);
        } catch (KeySourceException e) {
            // the identity provider did not answer, or the rate limit holds back a fetch for an unknown kid
            throw new InvalidTokenException("no key to verify the token with: " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage(), e);
        }
        var subject = claims.getSubject();
        if (subject == null || subject.isBlank()) throw new InvalidTokenException("the token names no subject", null);
        var caller = new Caller(new Principal(subject), roles(claims));
        remember(bearerToken, claims, caller);
        return caller;
    }

    /**
     * Remembers a verified token for as long as the verifier's time checks pass ({@code exp} is required), and the
     * keys may be trusted unchanged.
     */
    private void remember(String token, JWTClaimsSet claims, Caller caller) {
        if (cacheEntries == 0) return;
        var notBefore = claims.getNotBeforeTime();
        long expires = claims.getExpirationTime().getTime() + CLOCK_SKEW_MILLIS;
        if (rememberAtMostMillis < expires - clock.millis()) expires = clock.millis() + rememberAtMostMillis;
        var entry = new Verified(caller,
                notBefore == null ? Long.MIN_VALUE : notBefore.getTime() - CLOCK_SKEW_MILLIS, expires);
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

    /** The roles named at the roles claim's path; none when the path leads nowhere. */
    private Set<Role> roles(JWTClaimsSet claims) throws InvalidTokenException {
        Object value = claims.getClaims();
        for (var name : rolesPath) {
            if (!(value instanceof Map<?, ?> object)) return Set.of();
            value = object.get(name);
        }
        if (value == null) return Set.of();
        if (!(value instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance))
            throw new InvalidTokenException("the " + String.join(".", rolesPath)
                    + " claim must be an array of role names", null);
        var roles = new HashSet<Role>();
        for (var name : names) Role.fromWire((String) name).ifPresent(roles::add);
        return roles;
    }
}
