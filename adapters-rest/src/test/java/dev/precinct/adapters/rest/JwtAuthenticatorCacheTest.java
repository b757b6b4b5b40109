package dev.precinct.adapters.rest;

import dev.precinct.police.PoliceRoles;
import dev.precinct.core.command.Caller;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Role;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Remembering verified tokens changes nothing about which tokens the edge accepts, and stays bounded. */
class JwtAuthenticatorCacheTest {
    private static final byte[] SECRET = "a-test-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8);
    private static final Instant MINTED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(JwtAuthenticator.CLOCK_SKEW_SECONDS);

    /** A clock a test moves by hand. */
    private static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final HandClock clock = new HandClock(MINTED);

    private static String mint(byte[] secret, String subject, Duration ttl) {
        return JwtTokens.hs256(secret, subject, List.of(PoliceRoles.DISPATCHER), MINTED, ttl, null, null);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() throws Exception {
        var authenticator = JwtAuthenticator.hs256(SECRET, null, null, clock, 16);
        var token = mint(SECRET, "disp.kim", Duration.ofMinutes(1));
        var expiry = MINTED.plus(Duration.ofMinutes(1)).plus(SKEW);
        authenticator.authenticate(token);
        assertEquals(1, authenticator.rememberedTokens());

        clock.set(expiry.minusMillis(1));
        var caller = authenticator.authenticate(token);
        clock.set(expiry);

        assertEquals(new Caller(new Principal("disp.kim"), Set.of(PoliceRoles.DISPATCHER)), caller);
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(token));
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(token));
        assertEquals(0, authenticator.rememberedTokens());
    }

    @Test
    void aTokenExpiredWhenFirstSeenIsRefusedAndNotRemembered() {
        var authenticator = JwtAuthenticator.hs256(SECRET, null, null, clock, 16);
        var token = mint(SECRET, "disp.kim", Duration.ofMinutes(1));
        clock.set(MINTED.plus(Duration.ofMinutes(1)).plus(SKEW).plusSeconds(1));

        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(token));

        assertEquals(0, authenticator.rememberedTokens());
    }

    @Test
    void aTokenWithAWrongSignatureIsNeverRemembered() {
        var authenticator = JwtAuthenticator.hs256(SECRET, null, null, clock, 16);
        var forged = mint("another-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8), "disp.kim",
                Duration.ofHours(1));

        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(forged));
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(forged));

        assertEquals(0, authenticator.rememberedTokens());
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsRefused() throws Exception {
        var authenticator = JwtAuthenticator.hs256(SECRET, null, null, clock, 16);
        var token = mint(SECRET, "disp.kim", Duration.ofHours(1));
        authenticator.authenticate(token);
        var signature = token.lastIndexOf('.') + 1;
        var tampered = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A')
                + token.substring(signature + 1);

        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(tampered));

        assertEquals(1, authenticator.rememberedTokens());
    }

    @Test
    void theTokensRememberedAreBounded() throws Exception {
        var authenticator = JwtAuthenticator.hs256(SECRET, null, null, clock, 8);

        for (int i = 0; i < 50; i++) authenticator.authenticate(mint(SECRET, "officer-" + i, Duration.ofHours(1)));
        var latest = mint(SECRET, "officer-latest", Duration.ofHours(1));
        var caller = authenticator.authenticate(latest);

        assertTrue(authenticator.rememberedTokens() <= 8, "remembered " + authenticator.rememberedTokens());
        assertEquals(new Principal("officer-latest"), caller.principal());
        assertEquals(caller, authenticator.authenticate(latest));
    }

    @Test
    void expiredTokensMakeRoomFirst() throws Exception {
        var authenticator = JwtAuthenticator.hs256(SECRET, null, null, clock, 2);
        var shortLived = mint(SECRET, "disp.short", Duration.ofMinutes(1));
        var longLived = mint(SECRET, "disp.long", Duration.ofHours(1));
        authenticator.authenticate(shortLived);
        authenticator.authenticate(longLived);
        clock.set(MINTED.plus(Duration.ofMinutes(10)));

        authenticator.authenticate(mint(SECRET, "disp.new", Duration.ofHours(1)));

        assertEquals(2, authenticator.rememberedTokens());
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(shortLived));
        assertEquals(new Principal("disp.long"), authenticator.authenticate(longLived).principal());
    }

    @Test
    void withNoRoomNothingIsRememberedAndTokensAreStillVerified() throws Exception {
        var authenticator = JwtAuthenticator.hs256(SECRET, null, null, clock, 0);
        var token = mint(SECRET, "disp.kim", Duration.ofMinutes(1));

        authenticator.authenticate(token);
        clock.set(MINTED.plus(Duration.ofMinutes(2)));

        assertEquals(0, authenticator.rememberedTokens());
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(token));
    }
}
