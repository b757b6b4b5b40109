package dev.precinct.app;

import dev.precinct.police.Police;
import dev.precinct.adapters.rest.JwtTokens;
import dev.precinct.core.command.Role;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** The token secret of the tests' Precincts, and tokens signed with it. */
final class TestTokens {
    static final String SECRET = "precinct-tests-hs256-secret-of-32-bytes-or-more";

    private TestTokens() {
    }

    /** A token with every role, for tests about something other than authorisation. */
    static String anyRole() {
        return token("test-user", Police.catalog().roles());
    }

    static String token(String subject, Iterable<Role> roles) {
        var list = new ArrayList<Role>();
        roles.forEach(list::add);
        return JwtTokens.hs256(SECRET.getBytes(StandardCharsets.UTF_8), subject, List.copyOf(list), Instant.now(),
                Duration.ofHours(1), null, null);
    }
}
