package dev.precinct.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings as an operator gives them: checked at load, each named in the README's configuration table. */
class SettingsTest {
    @Test
    void theReadmesConfigurationTableNamesEverySetting() throws Exception {
        var readme = Files.readString(Path.of("..", "README.md"));
        for (var key : Settings.DEFAULTS.keySet()) {
            var variable = Settings.variableOf(key);
            // a row may name a pair with a shared stem: `PRECINCT_KAFKA_SSL_TRUSTSTORE_LOCATION` / `…_PASSWORD`
            var stem = variable.substring(variable.lastIndexOf('_'));
            assertTrue(readme.contains("`" + variable + "`") || readme.contains("`…" + stem + "`"),
                    variable + " is not in the README's configuration table");
        }
    }

    @Test
    void theProjectorSessionTimeoutIsWithinTheBrokersDefaultBounds() throws Exception {
        assertEquals(Duration.ofSeconds(45), load(Map.of()).projectorSessionTimeout());
        assertEquals(Duration.ofSeconds(6),
                load(Map.of("PRECINCT_PROJECTOR_SESSION_TIMEOUT_MS", "6000")).projectorSessionTimeout());
        var tooShort = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_PROJECTOR_SESSION_TIMEOUT_MS", "1000")));
        assertTrue(tooShort.getMessage().contains("projector.session.timeout.ms"), tooShort.getMessage());
    }

    @Test
    void theFanOutNeedsNats() {
        var refused = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_FANOUT_NATS", "true")));
        assertTrue(refused.getMessage().contains("PRECINCT_NATS_URL"), refused.getMessage());
    }

    @Test
    void aSecretCanBeReadFromAFileWithoutItsTrailingLineBreak(@TempDir Path directory) throws Exception {
        var password = Files.writeString(directory.resolve("jdbc-password"), "s3cret with  spaces\n");
        var secret = Files.writeString(directory.resolve("hs256"), TestTokens.SECRET + "\r\n");
        var jaas = Files.writeString(directory.resolve("jaas"), "org.apache.kafka.common.security.plain."
                + "PlainLoginModule required username=\"precinct\" password=\"p\";\n");
        var settings = load(Map.of("PRECINCT_JDBC_PASSWORD_FILE", password.toString(),
                "PRECINCT_AUTH_HS256_SECRET_FILE", secret.toString(),
                "PRECINCT_NATS_PASSWORD_FILE", password.toString(),
                "PRECINCT_KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString(),
                "PRECINCT_KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE", password.toString()));

        assertEquals("s3cret with  spaces", settings.jdbcPassword());
        assertEquals(Optional.of(TestTokens.SECRET), settings.authHs256Secret());
        assertEquals(Optional.of("s3cret with  spaces"), settings.natsPassword());
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"precinct\" "
                + "password=\"p\";", settings.kafkaSecurity().get("sasl.jaas.config"));
        assertEquals("s3cret with  spaces", settings.kafkaSecurity().get("ssl.truststore.password"));
    }

    @Test
    void aSecretGivenBothWaysOrFromAMissingFileIsRefused(@TempDir Path directory) throws Exception {
        var password = Files.writeString(directory.resolve("jdbc-password"), "from-the-file\n");
        var both = assertThrows(IllegalArgumentException.class, () -> Settings.load(
                Map.of("PRECINCT_JDBC_PASSWORD", "from-the-environment"),
                List.of("--jdbc.password.file=" + password)));
        assertEquals("configure either PRECINCT_JDBC_PASSWORD or PRECINCT_JDBC_PASSWORD_FILE, not both",
                both.getMessage());

        var missing = assertThrows(IOException.class, () -> load(Map.of("PRECINCT_AUTH_HS256_SECRET_FILE",
                directory.resolve("absent").toString())));
        assertTrue(missing.getMessage().startsWith("PRECINCT_AUTH_HS256_SECRET_FILE: cannot read "), missing.getMessage());
    }

    @Test
    void logLevelsAreCheckedWhenLoaded() throws Exception {
        var settings = load(Map.of("PRECINCT_LOG_LEVEL", "debug",
                "PRECINCT_LOG_LEVELS", "dev.precinct.adapters.kafka=DEBUG,org.apache.kafka=warn"));
        assertEquals(Optional.of("DEBUG"), settings.logLevel());
        assertEquals(List.of(Map.entry("dev.precinct.adapters.kafka", "DEBUG"), Map.entry("org.apache.kafka", "WARN")),
                List.copyOf(settings.logLevels().entrySet()));
        assertEquals(Map.of(), load(Map.of()).logLevels());

        var badLevel = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_LOG_LEVEL", "LOUD")));
        assertTrue(badLevel.getMessage().contains("LOUD"), badLevel.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_LOG_LEVELS", "org.apache.kafka")));
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_LOG_LEVELS", "=DEBUG")));
    }

    @Test
    void oneTokenKeySourceAtMostAndTheRolesClaimIsAPath() throws Exception {
        var two = assertThrows(IllegalArgumentException.class, () -> load(Map.of(
                "PRECINCT_AUTH_HS256_SECRET", TestTokens.SECRET, "PRECINCT_AUTH_JWKS_URL", "https://idp/certs")));
        assertTrue(two.getMessage().contains("PRECINCT_AUTH_HS256_SECRET and PRECINCT_AUTH_JWKS_URL"), two.getMessage());
        var settings = load(Map.of("PRECINCT_AUTH_OIDC_DISCOVERY_URL",
                "https://idp.example/realms/precinct/.well-known/openid-configuration",
                "PRECINCT_AUTH_ROLES_CLAIM", "realm_access.roles"));
        assertEquals("idp.example", settings.authOidcDiscoveryUrl().orElseThrow().getHost());
        assertEquals("realm_access.roles", settings.authRolesClaim());
        assertEquals("roles", load(Map.of()).authRolesClaim());
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_AUTH_JWKS_URL", "idp/certs")));
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_AUTH_ROLES_CLAIM", "realm_access.")));
        var noKey = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_NATS_URL", "nats://n:4222")));
        assertTrue(noKey.getMessage().contains("PRECINCT_AUTH_JWKS_URL"), noKey.getMessage());
    }

    private static Settings load(Map<String, String> environment) throws Exception {
        return Settings.load(environment, List.of());
    }
}
