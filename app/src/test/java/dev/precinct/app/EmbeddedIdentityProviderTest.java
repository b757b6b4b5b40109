package dev.precinct.app;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The edge wired as an operator runs it against an identity provider (Keycloak-like: roles in
 * {@code realm_access.roles}): Precinct started with the JWKS URL, or the discovery URL, settings, and requests
 * over HTTP with tokens signed by the provider's keys, before and after it rotates them.
 */
class EmbeddedIdentityProviderTest {
    private HttpServer identityProvider;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private String issuer;

    @BeforeEach
    void startTheIdentityProvider() throws IOException {
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identityProvider.createContext("/", exchange -> {
            var body = documents.get(exchange.getRequestURI().getPath());
            var bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        identityProvider.start();
        issuer = "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/realms/precinct";
        documents.put("/realms/precinct/.well-known/openid-configuration",
                "{\"issuer\":\"%s\",\"jwks_uri\":\"%s/certs\"}".formatted(issuer, issuer));
    }

    @AfterEach
    void stopTheIdentityProvider() {
        identityProvider.stop(0);
    }

    private void publish(JWK... keys) {
        documents.put("/realms/precinct/certs", new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    private Precinct start(String... settings) throws Exception {
        var arguments = new ArrayList<>(List.of("--http.port=0", "--http.host=127.0.0.1",
                "--auth.roles.claim=realm_access.roles"));
        arguments.addAll(List.of(settings));
        return Precinct.start(Settings.load(Map.of(), arguments));
    }

    private JWTClaimsSet claims(String subject, String role) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(issuer)
                .claim("realm_access", Map.of("roles", List.of(role, "offline_access")))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        var token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    private static String es256(ECKey key, JWTClaimsSet claims) throws Exception {
        var token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        token.sign(new ECDSASigner(key));
        return token.serialize();
    }

    private static HttpResponse<String> register(Precinct precinct, String token) throws Exception {
        return new Http(precinct.httpPort(), token).postJson("/api/v1/officers",
                OfficerJson.registration(OfficerJson.aBadge()));
    }

    @Test
    void tokensSignedWithTheProvidersKeysAreAcceptedBeforeAndAfterItRotatesThem() throws Exception {
        var first = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        var second = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        var unpublished = new RSAKeyGenerator(2048).keyID("rsa-x").generate();
        publish(first);
        try (var precinct = start("--auth.jwks.url=" + issuer + "/certs", "--auth.issuer=" + issuer)) {
            assertEquals(202, register(precinct, rs256(first, claims("sgt.lewis", "supervisor"))).statusCode());
            assertEquals(403, register(precinct, rs256(first, claims("B-1042", "officer"))).statusCode(),
                    "the role comes from realm_access.roles");

            var ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            publish(second, ec);
            assertEquals(202, register(precinct, rs256(second, claims("sgt.lewis", "supervisor"))).statusCode());
            assertEquals(202, register(precinct, es256(ec, claims("sgt.lewis", "supervisor"))).statusCode());
            assertEquals(401, register(precinct, rs256(unpublished, claims("sgt.lewis", "supervisor"))).statusCode());
            var otherIssuer = new JWTClaimsSet.Builder(claims("sgt.lewis", "supervisor")).issuer("http://rogue").build();
            assertEquals(401, register(precinct, rs256(second, otherIssuer)).statusCode());
        }
    }

    @Test
    void theDiscoveryDocumentNamesTheKeysAndTheIssuer() throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        publish(key);
        try (var precinct = start("--auth.oidc.discovery.url=" + issuer + "/.well-known/openid-configuration")) {
            assertEquals(202, register(precinct, rs256(key, claims("sgt.lewis", "supervisor"))).statusCode());
            var otherIssuer = new JWTClaimsSet.Builder(claims("sgt.lewis", "supervisor")).issuer("http://rogue").build();
            assertEquals(401, register(precinct, rs256(key, otherIssuer)).statusCode());
        }
    }
}
