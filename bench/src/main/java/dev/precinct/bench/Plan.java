package dev.precinct.bench;

import java.time.Duration;

/**
 * How long each row runs and how much it sends. The full plan gives p99.9 at least 10,000 samples per row; the
 * quick plan runs every row for a couple of seconds so that the benchmark keeps working, and measures nothing
 * worth comparing.
 *
 * @param deploymentWarmUp load on a freshly started Precinct before anything is measured (JIT, pools, metadata)
 * @param loopWarmUp       the unmeasured start of each load run
 */
public record Plan(String name, Duration deploymentWarmUp, Duration loopWarmUp, Duration oneClient,
                   Duration oneClientOpen, Duration manyClients, Duration manyClientsOpen, Duration observations,
                   Duration visibility, long replayEvents) {
    /** Concurrent clients of P2 and P3, and requests in flight of their floors. */
    public static final int CLIENTS = 64;
    /** The fixed rate of P4. */
    public static final double VISIBILITY_RATE = 1_000;
    /** The open loops' rates, as a share of the closed loop's throughput of the first topology measured. */
    public static final double ONE_CLIENT_OPEN_SHARE = 0.5;
    public static final double MANY_CLIENTS_OPEN_SHARE = 0.6;

    public static final Plan FULL = new Plan("full", Duration.ofSeconds(30), Duration.ofSeconds(2),
            Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(15),
            Duration.ofSeconds(15), Duration.ofSeconds(20), 1_000_000);

    public static final Plan QUICK = new Plan("quick", Duration.ofSeconds(1), Duration.ofMillis(300),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofMillis(1500), 20_000);

    public boolean quick() {
        return this == QUICK;
    }
}
