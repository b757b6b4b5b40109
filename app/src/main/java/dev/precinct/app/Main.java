package dev.precinct.app;

import dev.precinct.adapters.rest.JwtTokens;
import dev.precinct.core.command.Role;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar precinct.jar [--role all|edge|bl|projector] [--config FILE] [--key=value ...]} starts Precinct
 * and runs until SIGTERM or Ctrl-C, then shuts down gracefully.
 * {@code java -jar precinct.jar token --sub NAME --roles r1,r2 [--ttl PT8H]} prints a token signed with the
 * configured HS256 secret, for development.
 */
public final class Main {
    private static final Duration DEFAULT_TTL = Duration.ofHours(8);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        var arguments = new ArrayList<>(Arrays.asList(args));
        boolean token = !arguments.isEmpty() && arguments.getFirst().equals("token");
        if (token) arguments.removeFirst();
        try {
            if (token) printToken(arguments);
            else run(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println("precinct: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(List<String> arguments) throws Exception {
        var settings = Settings.load(System.getenv(), arguments);
        // before the first logger: logback.xml picks its encoder from this, and Undertow's JBoss Logging follows SLF4J
        System.setProperty("PRECINCT_LOG_FORMAT", settings.logFormat());
        System.setProperty("org.jboss.logging.provider", "slf4j");
        LogLevels.apply(settings.logLevel(), settings.logLevels());
        var precinct = Precinct.start(settings);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            precinct.close();
            stopped.countDown();
        }));
        if (settings.embedded()) printWelcome(settings, precinct);
        stopped.await();
    }

    /** The embedded mode's greeting: where it listens, and a ready token per role. */
    private static void printWelcome(Settings settings, Precinct precinct) {
        var out = new StringBuilder();
        out.append("%nPrecinct is running in embedded mode at http://localhost:%d%n".formatted(precinct.httpPort()));
        precinct.tokenSecret().ifPresent(secret -> {
            out.append(settings.authHs256Secret().isPresent()
                    ? "Tokens signed with the configured secret, valid 8 hours:%n".formatted()
                    : "A token secret was generated for this run; tokens valid 8 hours:%n".formatted());
            for (var role : Role.values()) {
                var subject = role == Role.OFFICER ? "B-1042" : "dev-" + role.wireName();
                out.append("  %-10s (sub %s)%n    %s%n".formatted(role.wireName(), subject, JwtTokens.hs256(secret,
                        subject, List.of(role), Instant.now(), DEFAULT_TTL, settings.authIssuer().orElse(null),
                        settings.authAudience().orElse(null))));
            }
            out.append("Try: TOKEN=<the supervisor token>; curl -i -X POST localhost:%d/api/v1/officers ".formatted(
                            precinct.httpPort())
                    + "-H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                    + "-d '{\"badgeNumber\":\"B-1042\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                    + "\"rank\":\"SERGEANT\",\"unit\":\"Central\"}'%n%n".formatted());
        });
        System.out.print(out);
    }

    private static void printToken(List<String> arguments) throws Exception {
        String subject = null;
        var roles = EnumSet.noneOf(Role.class);
        var ttl = DEFAULT_TTL;
        var settingsArguments = new ArrayList<String>();
        for (int i = 0; i < arguments.size(); i++) {
            var argument = arguments.get(i);
            var value = i + 1 < arguments.size() ? arguments.get(i + 1) : null;
            switch (argument) {
                case "--sub" -> subject = required(argument, value);
                case "--roles" -> {
                    for (var name : required(argument, value).split(","))
                        roles.add(Role.fromWire(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                                "unknown role " + name + "; roles are " + Arrays.stream(Role.values())
                                        .map(Role::wireName).toList())));
                }
                case "--ttl" -> ttl = Duration.parse(required(argument, value));
                default -> {
                    settingsArguments.add(argument);
                    continue;
                }
            }
            i++;
        }
        if (subject == null) throw new IllegalArgumentException("usage: token --sub NAME --roles r1,r2 [--ttl PT8H]");
        var settings = Settings.load(System.getenv(), settingsArguments);
        var secret = settings.authHs256Secret().orElseThrow(() -> new IllegalArgumentException(
                "token signs with the HS256 secret: set PRECINCT_AUTH_HS256_SECRET (or --auth.hs256.secret)"));
        System.out.println(JwtTokens.hs256(secret.getBytes(StandardCharsets.UTF_8), subject, roles, Instant.now(), ttl,
                settings.authIssuer().orElse(null), settings.authAudience().orElse(null)));
    }

    private static String required(String flag, String value) {
        if (value == null) throw new IllegalArgumentException(flag + " needs a value");
        return value;
    }
}
