package dev.precinct.bench.precinct;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The bearer token the benchmark's clients send. Precinct's jar mints it ({@code precinct.jar token --sub NAME
 * --roles …}) with the HS256 secret the benchmark gives every Precinct JVM. A jar that cannot mint tokens (one
 * built before authentication) gives none, and requests go without.
 */
public final class Tokens {
    /** The roles of the benchmark's principal: officer registrations and observations. */
    public static final List<String> ROLES = List.of("supervisor", "sensor");
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Tokens() {
    }

    /** A random secret of 48 characters from {@code [A-Za-z0-9]}: over 256 bits, however the edge reads it. */
    public static String newSecret() {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new SecureRandom();
        var secret = new StringBuilder();
        for (int i = 0; i < 48; i++) secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return secret.toString();
    }

    /** The token the jar mints for {@code subject}, or empty when this jar mints none. */
    public static Optional<String> mint(Path jar, String secret, String subject) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(PrecinctProcess.javaExecutable().toString(), "-jar", jar.toString(), "token",
                "--sub", subject, "--roles", String.join(",", ROLES)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("PRECINCT_"));
        builder.environment().put("PRECINCT_AUTH_HS256_SECRET", secret);
        var process = builder.start();
        process.getOutputStream().close();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return Optional.empty();
        }
        if (process.exitValue() != 0) return Optional.empty();
        return output.lines().map(String::strip).filter(line -> JWT.matcher(line).matches()).reduce((a, b) -> b);
    }
}
