package dev.precinct.app;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar precinct.jar [--role all|edge|bl|projector] [--config FILE] [--key=value ...]}: starts Precinct
 * and runs until SIGTERM or Ctrl-C, then shuts down gracefully.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // Undertow logs through JBoss Logging: send it to SLF4J like everything else
        System.setProperty("org.jboss.logging.provider", "slf4j");
        Settings settings;
        try {
            settings = Settings.load(System.getenv(), Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("precinct: " + e.getMessage());
            System.exit(2);
            return;
        }
        var precinct = Precinct.start(settings);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            precinct.close();
            stopped.countDown();
        }));
        if (settings.embedded())
            System.out.printf("%nPrecinct is running in embedded mode at http://localhost:%d%n"
                    + "Try: curl -i -X POST localhost:%1$d/api/v1/officers -H 'Content-Type: application/json' "
                    + "-d '{\"badgeNumber\":\"B-1042\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                    + "\"rank\":\"SERGEANT\",\"unit\":\"Central\"}'%n%n", precinct.httpPort());
        stopped.await();
    }
}
