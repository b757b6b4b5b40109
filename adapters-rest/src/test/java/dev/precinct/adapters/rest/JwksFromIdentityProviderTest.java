package dev.precinct.adapters.rest;

import dev.precinct.police.PoliceRoles;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys as an identity provider publishes them: a JWKS served over HTTP by a local server, rotated while the edge
 * runs, and an OpenID Connect discovery document that points at it.
 */
class JwksFromIdentityProviderTest {
    private HttpServer server;
    /** What the server answers per path; a test changes it to rotate keys. */
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

    @BeforeEach
    void startTheIdentityProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getPath();
            fetches.computeIfAbsent(path, any -> new AtomicInteger()).incrementAndGet();
            var body = documents.get(path);
            var bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopTheIdentityProvider() {
        server.stop(0);
    }

    private URL url(String path) throws Exception {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path).toURL();
    }

    private void publish(String path, JWK... keys) {
        documents.put(path, new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    private int fetchesOf(String path) {
        var count = fetches.get(path);
        return count == null ? 0 : count.get();
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of("dispatcher"))
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)));
    }

    private static String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer, JWTClaimsSet claims)
            throws Exception {
        var token = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        token.sign(signer);
        return token.serialize();
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        return sign(JWSAlgorithm.RS256, key.getKeyID(), new RSASSASigner(key), claims);
    }

    @Test
    void aRotatedKeyIsFetchedWhenItsKidAppearsAndForgedKidsStayRefusedWithoutHammeringTheProvider() throws Exception {
        var before = new RSAKeyGenerator(2048).keyID("2026-11").generate();
        var after = new RSAKeyGenerator(2048).keyID("2026-12").generate();
        var forger = new RSAKeyGenerator(2048).keyID("made-up").generate();
        publish("/jwks", before);
        var authenticator = JwtAuthenticator.jwksUrl(url("/jwks"), TokenRules.of(null, null));
        assertEquals(1, fetchesOf("/jwks"), "the set is fetched once at start");

        assertEquals(new Principal("disp.kim"),
                authenticator.authenticate(rs256(before, claims("disp.kim").build())).principal());
        assertEquals(1, fetchesOf("/jwks"), "a known kid is verified from the cache");

        publish("/jwks", after);
        var rotated = authenticator.authenticate(rs256(after, claims("disp.ray").build()));
        assertEquals(new Principal("disp.ray"), rotated.principal());
        assertEquals(Set.of(PoliceRoles.DISPATCHER), rotated.roles());
        assertEquals(2, fetchesOf("/jwks"), "the unknown kid made the edge fetch the set again");

        var freshWithTheWithdrawnKey = rs256(before, claims("disp.old").build());
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(freshWithTheWithdrawnKey));
        for (int i = 0; i < 50; i++) {
            var forged = rs256(forger, claims("intruder-" + i).build());
            assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(forged));
        }
        assertEquals(2, fetchesOf("/jwks"), "unknown kids past the rate limit fetch nothing");
        assertEquals(new Principal("disp.ray2"),
                authenticator.authenticate(rs256(after, claims("disp.ray2").build())).principal(),
                "the cached set still verifies the current key after the refused flood");
    }

    @Test
    void es256TokensAreVerifiedWithTheProvidersEcKeys() throws Exception {
        var ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        var rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        publish("/keys", ec, rsa);
        var authenticator = JwtAuthenticator.jwksUrl(url("/keys"), TokenRules.of(null, null));

        var es256 = sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims("sensor-7").build());
        assertEquals(new Principal("sensor-7"), authenticator.authenticate(es256).principal());
        assertEquals(new Principal("sgt.lewis"),
                authenticator.authenticate(rs256(rsa, claims("sgt.lewis").build())).principal());
        var es384 = new ECKeyGenerator(Curve.P_384).keyID("ec-384").generate();
        publish("/keys", ec, rsa, es384);
        var otherAlgorithm = sign(JWSAlgorithm.ES384, "ec-384", new ECDSASigner(es384), claims("sensor-8").build());
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(otherAlgorithm));
    }

    @Test
    void theDiscoveryDocumentGivesTheKeysAndTheIssuerAndKeycloakRolesAreRead() throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("kc-1").generate();
        var issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/precinct";
        publish("/realms/precinct/protocol/openid-connect/certs", key);
        documents.put("/realms/precinct/.well-known/openid-configuration", """
                {"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs",
                 "authorization_endpoint":"%s/protocol/openid-connect/auth"}""".formatted(issuer, issuer, issuer));
        var discovery = url("/realms/precinct/.well-known/openid-configuration");
        var authenticator = JwtAuthenticator.oidcDiscovery(discovery, new TokenRules(null, "precinct-edge",
                "realm_access.roles"));

        var keycloak = claims("sgt.lewis").claim("roles", null).issuer(issuer).audience("precinct-edge")
                .claim("realm_access", Map.of("roles", List.of("supervisor", "offline_access"))).build();
        var caller = authenticator.authenticate(rs256(key, keycloak));
        assertEquals(new Principal("sgt.lewis"), caller.principal());
        assertEquals(Set.of(PoliceRoles.SUPERVISOR, Role.of("offline_access")), caller.roles());

        var otherIssuer = new JWTClaimsSet.Builder(keycloak).issuer("http://rogue/realms/precinct").build();
        assertThrows(InvalidTokenException.class, () -> authenticator.authenticate(rs256(key, otherIssuer)));
        var refused = assertThrows(IOException.class, () -> JwtAuthenticator.oidcDiscovery(discovery,
                TokenRules.of("http://elsewhere/realms/precinct", null)));
        assertTrue(refused.getMessage().contains(issuer), refused.getMessage());
        assertThrows(IOException.class, () -> JwtAuthenticator.oidcDiscovery(url("/nowhere"), TokenRules.of(null, null)));
    }
}
