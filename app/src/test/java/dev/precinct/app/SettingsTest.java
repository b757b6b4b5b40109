package dev.precinct.app;

import dev.precinct.adapters.kafka.KafkaTopicCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings as an operator gives them: checked at load, each named in the README's configuration table; and the
 * command line that reads them.
 */
class SettingsTest {
    private static final String SECRET = "a-development-secret-of-32-bytes-at-least";

    @Test
    void theReadmesConfigurationTableNamesEverySetting() throws Exception {
        var readme = Files.readString(Path.of("..", "README.md"));
        for (var setting : Settings.DEFINED) {
            var variable = setting.variable();
            // a row may name a pair with a shared stem: `PRECINCT_KAFKA_SSL_TRUSTSTORE_LOCATION` / `…_PASSWORD`
            var stem = variable.substring(variable.lastIndexOf('_'));
            assertTrue(readme.contains("`" + variable + "`") || readme.contains("`…" + stem + "`"),
                    variable + " is not in the README's configuration table");
        }
    }

    @Test
    void theDefaultsAreTheEmbeddedMode() throws Exception {
        var settings = load(Map.of());

        assertTrue(settings.embedded());
        assertEquals(Role.ALL, settings.role());
        assertEquals(8080, settings.httpPort());
        assertEquals("0.0.0.0", settings.httpHost());
        assertEquals(Duration.ofMillis(2000), settings.requestTimeout());
        assertEquals(Duration.ofMillis(1500), settings.publishTimeout());
        assertEquals("postgres", settings.jdbcUser());
        assertEquals("", settings.jdbcPassword());
        assertEquals(16, settings.jdbcPoolSize());
        assertEquals(Optional.empty(), settings.topicReplication(), "chosen from the number of brokers");
        assertEquals(Optional.empty(), settings.natsUrl());
        assertFalse(settings.natsTls());
        assertFalse(settings.fanOutNats());
        assertEquals("text", settings.logFormat());
    }

    @Test
    void flagsWinOverTheConfigFileWhichWinsOverTheEnvironment(@TempDir Path directory) throws Exception {
        var config = directory.resolve("precinct.properties");
        Files.writeString(config, "http.port = 9001\nmax.body.bytes=1000\n");
        var environment = Map.of("PRECINCT_HTTP_PORT", "9000", "PRECINCT_MAX_BODY_BYTES", "900",
                "PRECINCT_JDBC_POOL_SIZE", "4");

        var settings = Settings.load(environment, List.of("--config", config.toString(), "--http.port=9002"));

        assertEquals(9002, settings.httpPort(), "the flag");
        assertEquals(1000, settings.maxBodyBytes(), "the file");
        assertEquals(4, settings.jdbcPoolSize(), "the environment");
        assertEquals(6, settings.topicPartitions(), "the default");
    }

    @Test
    void aFlagIsSpelledWithDotsOrDashesWithOrWithoutEqualsAndTheLastOneWins() throws Exception {
        assertEquals(9090, Settings.load(Map.of(), List.of("--http-port", "9090")).httpPort());
        assertEquals(9091, Settings.load(Map.of(), List.of("--http.port", "9090", "--http-port=9091")).httpPort());
        assertEquals(Role.ALL, Settings.load(Map.of(), List.of("--role", "all")).role());
    }

    @Test
    void aBlankEnvironmentVariableIsUnset() throws Exception {
        assertEquals(Optional.empty(), load(Map.of("PRECINCT_NATS_URL", " ")).natsUrl());
    }

    @Test
    void groupsReadAsTheyAreConfigured() throws Exception {
        var settings = Settings.load(Map.of(), List.of("--nats.url=nats://n:4222", "--nats.tls=true",
                "--kafka.bootstrap=k:9092", "--kafka.security.protocol=SASL_SSL", "--jdbc.url=jdbc:postgresql://db/p",
                "--jdbc.password=hunter2", "--auth.hs256.secret=" + SECRET));

        assertEquals(new Settings.Nats(Optional.of("nats://n:4222"), Optional.empty(), Optional.empty(),
                Optional.empty(), true), settings.nats());
        assertEquals(Map.of("security.protocol", "SASL_SSL"), settings.kafkaSecurity());
        assertEquals("hunter2", settings.jdbc().password());
        assertFalse(settings.embedded());
        assertFalse(settings.toString().contains("hunter2"), "no password in " + settings);
        assertFalse(settings.toString().contains(SECRET), "no secret in " + settings);
    }

    @Test
    void aBadValueStopsTheStartWithItsName() {
        for (var bad : List.of(Map.of("PRECINCT_HTTP_PORT", "eighty"), Map.of("PRECINCT_HTTP_PORT", "70000"),
                Map.of("PRECINCT_NATS_TLS", "yes"), Map.of("PRECINCT_LOG_FORMAT", "xml"),
                Map.of("PRECINCT_JDBC_POOL_SIZE", "0"), Map.of("PRECINCT_TOPIC_REPLICATION", "40000"),
                Map.of("PRECINCT_REQUEST_TIMEOUT_MS", "100"), Map.of("PRECINCT_ROLE", "leader"),
                Map.of("PRECINCT_LOG_LEVEL", "LOUD"), Map.of("PRECINCT_LOG_LEVELS", "=DEBUG"),
                Map.of("PRECINCT_AUTH_JWKS_URL", "idp/certs"), Map.of("PRECINCT_AUTH_OIDC_DISCOVERY_URL", "ftp://idp/x"),
                Map.of("PRECINCT_AUTH_ROLES_CLAIM", "realm_access."))) {
            var variable = bad.keySet().iterator().next();
            var key = variable.substring("PRECINCT_".length()).toLowerCase().replace('_', '.');
            var refused = assertThrows(IllegalArgumentException.class, () -> load(bad), variable);
            assertTrue(refused.getMessage().contains(key), refused.getMessage());
        }
    }

    @Test
    void anUnknownSettingIsRefused(@TempDir Path directory) throws Exception {
        var config = directory.resolve("precinct.properties");
        Files.writeString(config, "http.prot=9090\n");

        var inFile = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(Map.of(), List.of("--config=" + config)));
        assertTrue(inFile.getMessage().contains("unknown setting http.prot"), inFile.getMessage());
        var asFlag = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(Map.of(), List.of("--http.prot=9090")));
        assertTrue(asFlag.getMessage().contains("--http.prot"), asFlag.getMessage());
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
    void aSplitRoleNamesTheServersItLacks() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_ROLE", "edge", "PRECINCT_AUTH_HS256_SECRET", SECRET)));
        assertEquals("role edge shares its state with other processes and needs PRECINCT_NATS_URL, "
                + "PRECINCT_KAFKA_BOOTSTRAP, PRECINCT_JDBC_URL", refused.getMessage());
    }

    @Test
    void outsideTheEmbeddedModeATokenKeyIsRequired() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_NATS_URL", "nats://n:4222")));
        assertTrue(refused.getMessage().contains("PRECINCT_AUTH_HS256_SECRET"), refused.getMessage());
    }

    @Test
    void helpListsEverySettingAndTheTokenCommand() {
        var run = Run.of(Map.of(), "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("precinct [--role all|edge|bl|projector] [--config FILE] [--key=value ...]"),
                run.out());
        assertTrue(run.out().contains("token"), run.out());
        for (var setting : Settings.DEFINED) {
            assertTrue(run.out().contains("--" + setting.key()), setting.key() + " in " + run.out());
            assertTrue(run.out().contains(setting.variable()), setting.variable() + " in " + run.out());
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        var run = Run.of(Map.of(), "--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().strip().matches("precinct \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), run.out());
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        var run = Run.of(Map.of(), "--http.prot=9090");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--http.prot"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aBadSettingIsAUsageErrorNamingIt() {
        var run = Run.of(Map.of("PRECINCT_HTTP_PORT", "eighty"));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("http.port must be a whole number; got eighty"), run.err());
    }

    @Test
    void aMissingConfigFileIsAUsageErrorNamingIt(@TempDir Path directory) {
        var missing = directory.resolve("nowhere.properties");

        var run = Run.of(Map.of(), "--config", missing.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(missing.toString()), run.err());
    }

    @Test
    void tokenPrintsATokenForTheSubjectAndRoles() {
        var run = Run.of(Map.of("PRECINCT_AUTH_HS256_SECRET", SECRET),
                "token", "--sub", "B-7", "--roles", "dispatcher,officer", "--ttl", "PT1H");

        assertEquals(0, run.exitCode(), run.err());
        var parts = run.out().strip().split("\\.");
        assertEquals(3, parts.length, run.out());
        var claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"B-7\""), claims);
        assertTrue(claims.contains("dispatcher") && claims.contains("officer"), claims);
    }

    @Test
    void tokenTakesTheSecretAsAFlagToo() {
        var run = Run.of(Map.of(), "token", "--sub", "B-7", "--roles", "admin", "--auth.hs256.secret=" + SECRET);

        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void tokenMintsARoleThePoliceDoNotKnowWithANote() {
        var run = Run.of(Map.of("PRECINCT_AUTH_HS256_SECRET", SECRET), "token", "--sub", "alice",
                "--roles", "agent,dispatcher");

        assertEquals(0, run.exitCode(), run.err());
        var claims = new String(Base64.getUrlDecoder().decode(run.out().strip().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertTrue(claims.contains("agent") && claims.contains("dispatcher"), claims);
        assertTrue(run.err().contains("the police domain knows no role agent (its roles are"), run.err());
    }

    @Test
    void tokenRefusesAMalformedRoleAMissingSubjectAndAMissingSecret() {
        var malformed = Run.of(Map.of("PRECINCT_AUTH_HS256_SECRET", SECRET), "token", "--sub", "B-7",
                "--roles", "Sheriff!");
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.err().contains("not a role name: Sheriff!"), malformed.err());

        var noSubject = Run.of(Map.of("PRECINCT_AUTH_HS256_SECRET", SECRET), "token", "--roles", "officer");
        assertEquals(2, noSubject.exitCode());
        assertTrue(noSubject.err().contains("--sub"), noSubject.err());

        var noSecret = Run.of(Map.of(), "token", "--sub", "B-7", "--roles", "officer");
        assertEquals(2, noSecret.exitCode());
        assertTrue(noSecret.err().contains(
                "token signs with the HS256 secret: set PRECINCT_AUTH_HS256_SECRET (or --auth.hs256.secret)"),
                noSecret.err());
    }

    @Test
    void anUnreadableSecretFileIsAUsageErrorNamingItsVariable(@TempDir Path directory) {
        var missing = directory.resolve("absent");

        var run = Run.of(Map.of("PRECINCT_JDBC_PASSWORD_FILE", missing.toString()));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("PRECINCT_JDBC_PASSWORD_FILE: cannot read " + missing), run.err());
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

    @Test
    void retentionsAreIsoDurationsOrMilliseconds() throws Exception {
        var defaults = load(Map.of());
        var given = load(Map.of("PRECINCT_IDEMPOTENCY_RETENTION", "PT1H", "PRECINCT_COMMAND_STATUS_RETENTION", "7200000"));

        assertEquals(Duration.ofHours(24), defaults.idempotencyRetention());
        assertEquals(Duration.ofDays(7), defaults.commandStatusRetention());
        assertEquals(Duration.ofHours(1), given.idempotencyRetention());
        assertEquals(Duration.ofHours(2), given.commandStatusRetention());
        var nonsense = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_IDEMPOTENCY_RETENTION", "a day")));
        assertTrue(nonsense.getMessage().contains("idempotency.retention"), nonsense.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_COMMAND_STATUS_RETENTION", "PT0S")));
    }

    @Test
    void statusesAreKeptAtLeastAsLongAsIdempotencyKeys() {
        var refused = assertThrows(IllegalArgumentException.class, () -> load(Map.of(
                "PRECINCT_IDEMPOTENCY_RETENTION", "P2D", "PRECINCT_COMMAND_STATUS_RETENTION", "P1D")));
        assertTrue(refused.getMessage().contains("command.status.retention"), refused.getMessage());
    }

    @Test
    void theManagementPortIsOptionalAndNotTheEdgesPort() throws Exception {
        assertTrue(load(Map.of()).managementPort().isEmpty());
        assertEquals(9090, load(Map.of("PRECINCT_MANAGEMENT_PORT", "9090")).managementPort().getAsInt());
        var clash = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_MANAGEMENT_PORT", "8080")));
        assertTrue(clash.getMessage().contains("management.port"), clash.getMessage());
    }

    @Test
    void theTopicReplicationIsChosenFromTheClusterUnlessConfigured() throws Exception {
        var defaults = load(Map.of());
        assertEquals(Optional.empty(), defaults.topicReplication());
        assertEquals(Optional.empty(), defaults.topicMinInsyncReplicas());
        var configured = load(Map.of("PRECINCT_TOPIC_REPLICATION", "3", "PRECINCT_TOPIC_MIN_INSYNC_REPLICAS", "2"));
        assertEquals(Optional.of((short) 3), configured.topicReplication());
        assertEquals(Optional.of((short) 2), configured.topicMinInsyncReplicas());
        var zero = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_TOPIC_REPLICATION", "0")));
        assertTrue(zero.getMessage().contains("topic.replication"), zero.getMessage());
    }

    @Test
    void theTopicCheckFailsUnlessTheOperatorOptsOut() throws Exception {
        assertEquals(KafkaTopicCheck.FAIL, load(Map.of()).topicCheck());
        assertEquals(KafkaTopicCheck.WARN, load(Map.of("PRECINCT_TOPIC_CHECK", "warn")).topicCheck());
        var unknown = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_TOPIC_CHECK", "ignore")));
        assertTrue(unknown.getMessage().contains("topic.check"), unknown.getMessage());
    }

    @Test
    void deadLettersAreKeptThirtyDaysAndOneGibibyteByDefault() throws Exception {
        assertEquals(Duration.ofDays(30), load(Map.of()).dlqRetention());
        assertEquals(1L << 30, load(Map.of()).dlqRetentionBytes());
        assertEquals(Duration.ofDays(90), load(Map.of("PRECINCT_DLQ_RETENTION_MS", "7776000000")).dlqRetention());
        var belowTheDuplicateWindow = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_DLQ_RETENTION_MS", "60000")));
        assertTrue(belowTheDuplicateWindow.getMessage().contains("dlq.retention.ms"), belowTheDuplicateWindow.getMessage());
    }

    private static Settings load(Map<String, String> environment) throws Exception {
        return Settings.load(environment, List.of());
    }

    /** One run of the command line that does not start Precinct: what it printed, and its exit code. */
    private record Run(int exitCode, String out, String err) {
        static Run of(Map<String, String> environment, String... args) {
            var out = new StringWriter();
            var err = new StringWriter();
            int exitCode = Main.commandLine(environment)
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute(args);
            return new Run(exitCode, out.toString(), err.toString());
        }
    }
}
