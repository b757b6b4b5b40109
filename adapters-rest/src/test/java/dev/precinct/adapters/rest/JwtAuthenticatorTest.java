package dev.precinct.adapters.rest;

import dev.precinct.police.PoliceRoles;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.precinct.core.command.Caller;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the edge accepts as proof of who calls, and what it refuses. */
class JwtAuthenticatorTest {
    private static final byte[] SECRET = "a-test-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.now();
    private final JwtAuthenticator authenticator = JwtAuthenticator.hs256(SECRET, "precinct", "edge");

    private static String mint(byte[] secret, Instant now, String issuer, String audience) {
        return JwtTokens.hs256(secret, "sgt.lewis", List.of(PoliceRoles.SUPERVISOR, PoliceRoles.DISPATCHER), now, Duration.ofHours(1),
                issuer, audience);
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().subject("sgt.lewis").claim("roles", List.of("supervisor"))
                .issuer("precinct").audience("edge").expirationTime(Date.from(NOW.plusSeconds(3600))).build();
    }

    @Test
    void aGoodTokenNamesTheCallerAndTheirRoles() throws Exception {
        var caller = authenticator.authenticate(mint(SECRET, NOW, "precinct", "edge"));

        assertEquals(new Caller(new Principal("sgt.lewis"), Set.of(PoliceRoles.SUPERVISOR, PoliceRoles.DISPATCHER)), caller);
    }

    @Test
    void namesThatCannotBeRolesAreIgnoredAndOthersKeptForTheDomainsToMatch() throws Exception {
        var token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder(claims())
                .claim("roles", List.of("supervisor", "emperor", "Chief Emperor!", "")).build());
        token.sign(new MACSigner(SECRET));

        assertEquals(Set.of(PoliceRoles.SUPERVISOR, Role.of("emperor")),
                authenticator.authenticate(token.serialize()).roles());
    }

    @Test
    void anExpiredTokenIsRefusedButClockSkewIsForgiven() throws Exception {
        assertThrows(InvalidTokenException.class,
                () -> authenticator.authenticate(mint(SECRET, NOW.minus(Duration.ofHours(2)), "precinct", "edge")));
        authenticator.authenticate(mint(SECRET, NOW.minus(Duration.ofHours(1)).minusSeconds(10), "precinct", "edge"));
    }

    @Test
    void aForgedSignatureIsRefused() {
        var forged = mint("another-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8), NOW,
                "precinct", "edge");

        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(forged));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        var unsigned = new PlainJWT(claims()).serialize();

        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(unsigned));
    }

    @Test
    void anotherAlgorithmIsRefusedEvenWithTheRightKey() throws Exception {
        var token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims());
        token.sign(new MACSigner((new String(SECRET, StandardCharsets.UTF_8) + "-padded-to-64-bytes-for-hs512-xxxxxxxx")
                .getBytes(StandardCharsets.UTF_8)));

        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(token.serialize()));
    }

    @Test
    void theWrongAudienceOrIssuerIsRefused() {
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(mint(SECRET, NOW, "precinct", "other")));
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(mint(SECRET, NOW, "rogue", "edge")));
    }

    @Test
    void somethingThatIsNotAJwtIsRefused() {
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate("not-a-token"));
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate("a.b.c"));
    }

    @Test
    void rs256AndEs256TokensAreVerifiedWithTheKeysOfAJwksFile(@TempDir Path directory) throws Exception {
        var rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        var ec = new ECKeyGenerator(Curve.P_256).keyID("k2").generate();
        var jwks = directory.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(rsa, ec)).toPublicJWKSet().toString());
        var fromFile = JwtAuthenticator.jwksFile(jwks, TokenRules.of(null, null));
        var rs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims());
        rs256.sign(new RSASSASigner(rsa));
        var es256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k2").build(), claims());
        es256.sign(new ECDSASigner(ec));

        assertEquals(new Principal("sgt.lewis"), fromFile.authenticate(rs256.serialize()).principal());
        assertEquals(new Principal("sgt.lewis"), fromFile.authenticate(es256.serialize()).principal());
        assertThrows(InvalidTokenException.class, () -> fromFile.authenticate(mint(SECRET, NOW, null, null)));
    }

    @Test
    void theRolesComeFromTheConfiguredClaimPath() throws Exception {
        var keycloak = JwtAuthenticator.hs256(SECRET, new TokenRules(null, null, "realm_access.roles"));
        var nested = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder(claims())
                .claim("roles", List.of("admin"))
                .claim("realm_access", Map.of("roles", List.of("dispatcher", "uma_authorization"))).build());
        nested.sign(new MACSigner(SECRET));
        assertEquals(Set.of(PoliceRoles.DISPATCHER, Role.of("uma_authorization")),
                keycloak.authenticate(nested.serialize()).roles());

        var absent = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims());
        absent.sign(new MACSigner(SECRET));
        assertEquals(Set.of(), keycloak.authenticate(absent.serialize()).roles());

        var notAnArray = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder(claims())
                .claim("realm_access", Map.of("roles", "dispatcher")).build());
        notAnArray.sign(new MACSigner(SECRET));
        var refused = assertThrows(InvalidTokenException.class, () -> keycloak.authenticate(notAnArray.serialize()));
        assertEquals("the realm_access.roles claim must be an array of role names", refused.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new TokenRules(null, null, "realm_access..roles"));
    }
}
