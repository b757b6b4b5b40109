package dev.precinct.app;

import dev.precinct.adapters.rest.JwtTokens;
import dev.precinct.core.command.Role;
import dev.precinct.core.domain.Catalog;
import dev.precinct.police.Police;
import dev.precinct.police.PoliceRoles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The command line, parsed by picocli. {@code java -jar precinct.jar [--role all|edge|bl|projector] [--config FILE]
 * [--key=value ...]} starts Precinct and runs until SIGTERM or Ctrl-C, then shuts down gracefully.
 * {@code java -jar precinct.jar token --sub NAME --roles r1,r2 [--ttl PT8H]} prints a token signed with the
 * configured HS256 secret, for development. {@code --help} and {@code --version} say what they say.
 *
 * <p>Exit codes: 2 a usage error (an unknown flag, a bad setting: the message names it), 1 a failed start, 0 for
 * {@code --help}, {@code --version} and {@code token}; a running Precinct ends with the JVM's code for the signal
 * that stopped it.
 */
@Command(name = "precinct", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = Main.Token.class, sortOptions = false,
        customSynopsis = {"precinct [--role all|edge|bl|projector] [--config FILE] [--key=value ...]",
                "       precinct token --sub NAME --roles r1,r2 [--ttl PT8H] [--key=value ...]"},
        description = {"Starts Precinct: the REST edge, the business-logic service and the projectors, or one of "
                + "them. With nothing configured it runs embedded, in one JVM with in-memory stand-ins.",
                "Each setting is a flag, a key of the --config file and a PRECINCT_* environment variable; flags "
                        + "win over the file, the file over the environment."})
public final class Main implements Callable<Integer> {
    /** The jar's logging configuration, a class-path resource: {@code -Dlogback.configurationFile} overrides it. */
    static final String JAR_LOGGING = "dev/precinct/app/logback.xml";
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    /** The domain the jar runs: the police. */
    private static final Catalog POLICE = Police.catalog();

    private static final Duration DEFAULT_TTL = Duration.ofHours(8);

    private final Map<String, String> environment;
    @Spec
    private CommandSpec spec;

    private Main(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        int exitCode = commandLine(System.getenv()).execute(args);
        // 0 after a start means the JVM is already shutting down: exiting again would wait on the hooks forever
        if (exitCode != 0) System.exit(exitCode);
    }

    /** The command line over {@code environment}'s {@code PRECINCT_*} variables, with every settings flag. */
    static CommandLine commandLine(Map<String, String> environment) {
        var commandLine = new CommandLine(new Main(environment));
        SettingsOptions.addTo(commandLine.getCommandSpec());
        SettingsOptions.addTo(commandLine.getSubcommands().get("token").getCommandSpec());
        return commandLine
                .setOverwrittenOptionsAllowed(true)
                .setParameterExceptionHandler(Main::usageError);
    }

    /** Starts Precinct with the settings given, then waits for the JVM's shutdown. */
    @Override
    public Integer call() throws Exception {
        var settings = settings(spec, environment);
        // before the first logger: the jar's logging configuration lives under the app's package, not at the class
        // path's root, so an app that embeds precinct-app keeps its own logback.xml without a clash; its encoder
        // follows PRECINCT_LOG_FORMAT, and Undertow's JBoss Logging follows SLF4J
        if (System.getProperty(LOGBACK_CONFIGURATION) == null)
            System.setProperty(LOGBACK_CONFIGURATION, JAR_LOGGING);
        System.setProperty("PRECINCT_LOG_FORMAT", settings.logFormat());
        System.setProperty("org.jboss.logging.provider", "slf4j");
        LogLevels.apply(settings.logLevel(), settings.logLevels());
        var precinct = Precinct.start(settings);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            precinct.close();
            stopped.countDown();
        }));
        if (settings.embedded()) printWelcome(settings, precinct, spec.commandLine().getOut());
        stopped.await();
        return 0;
    }

    /**
     * The settings of the command {@code spec} parsed, over {@code environment}.
     *
     * @throws ParameterException naming a bad setting, an unreadable config file or secret file: a usage error
     */
    private static Settings settings(CommandSpec spec, Map<String, String> environment) {
        var flags = SettingsOptions.valuesOf(spec.commandLine().getParseResult());
        var configFile = Optional.ofNullable(flags.remove(SettingsOptions.CONFIG)).map(Path::of);
        try {
            return Settings.load(environment, configFile, flags);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The embedded mode's greeting: where it listens, and a ready token per role. */
    private static void printWelcome(Settings settings, Precinct precinct, PrintWriter out) {
        var welcome = new StringBuilder();
        welcome.append("%nPrecinct is running in embedded mode at http://localhost:%d%n".formatted(precinct.httpPort()));
        precinct.tokenSecret().ifPresent(secret -> {
            welcome.append(settings.authHs256Secret().isPresent()
                    ? "Tokens signed with the configured secret, valid 8 hours:%n".formatted()
                    : "A token secret was generated for this run; tokens valid 8 hours:%n".formatted());
            for (var role : POLICE.roles()) {
                var subject = role.equals(PoliceRoles.OFFICER) ? "B-1042" : "dev-" + role.wireName();
                welcome.append("  %-10s (sub %s)%n    %s%n".formatted(role.wireName(), subject, JwtTokens.hs256(secret,
                        subject, List.of(role), Instant.now(), DEFAULT_TTL, settings.authIssuer().orElse(null),
                        settings.authAudience().orElse(null))));
            }
            welcome.append("Try: TOKEN=<the supervisor token>; curl -i -X POST localhost:%d/api/v1/officers ".formatted(
                            precinct.httpPort())
                    + "-H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                    + "-d '{\"badgeNumber\":\"B-1042\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                    + "\"rank\":\"SERGEANT\",\"unit\":\"Central\"}'%n%n".formatted());
        });
        out.print(welcome);
        out.flush();
    }

    /** A usage error: the message, where to read more, and picocli's exit code for invalid input (2). */
    private static int usageError(ParameterException error, String[] args) {
        var commandLine = error.getCommandLine();
        var err = commandLine.getErr();
        err.println("precinct: " + error.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the usage.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code token}: prints a token signed with the configured HS256 secret, for development. */
    @Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
            customSynopsis = "precinct token --sub NAME --roles r1,r2 [--ttl PT8H] [--key=value ...]",
            description = {"Prints a token signed with the HS256 secret of the settings (PRECINCT_AUTH_HS256_SECRET or "
                    + "--auth.hs256.secret), for development."})
    static final class Token implements Callable<Integer> {
        @ParentCommand
        private Main main;
        @Spec
        private CommandSpec spec;

        @Option(names = "--sub", required = true, paramLabel = "NAME", description = "the token's subject")
        private String subject;

        @Option(names = "--roles", split = ",", paramLabel = "ROLE", converter = RoleConverter.class,
                description = "the token's roles, comma-separated")
        private Set<Role> roles = new LinkedHashSet<>();

        @Option(names = "--ttl", paramLabel = "PT8H", description = "how long the token is valid (ISO-8601; PT8H)")
        private Duration ttl = DEFAULT_TTL;

        @Override
        public Integer call() {
            var settings = settings(spec, main.environment);
            var secret = settings.authHs256Secret().orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "token signs with the HS256 secret: set PRECINCT_AUTH_HS256_SECRET (or --auth.hs256.secret)"));
            var unknown = roles.stream().filter(role -> !POLICE.roles().contains(role)).map(Role::wireName).toList();
            if (!unknown.isEmpty()) {
                var err = spec.commandLine().getErr();
                err.println("precinct: note: the police domain knows no role " + String.join(", ", unknown)
                        + " (its roles are " + POLICE.roles().stream().map(Role::wireName).sorted().toList()
                        + "); the token carries it for a node that does");
                err.flush();
            }
            var out = spec.commandLine().getOut();
            out.println(JwtTokens.hs256(secret.getBytes(StandardCharsets.UTF_8), subject, roles, Instant.now(), ttl,
                    settings.authIssuer().orElse(null), settings.authAudience().orElse(null)));
            out.flush();
            return 0;
        }
    }

    /**
     * A role by its wire name ({@code supervisor}): any well-formed name, since roles are open values and the token
     * may be for a node that runs other domains than the jar's (the caller is warned of one the police do not know).
     */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String name) {
            return Role.fromWire(name.trim()).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "not a role name: " + name + " (lower-case letters, digits, - and _, starting with a letter)"));
        }
    }

    /** The project's version, written into {@code precinct-version.properties} by the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            var properties = new Properties();
            try (var in = Main.class.getResourceAsStream("/precinct-version.properties")) {
                if (in == null) throw new IllegalStateException("precinct-version.properties is missing from the jar");
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[]{"precinct " + properties.getProperty("version")};
        }
    }
}
