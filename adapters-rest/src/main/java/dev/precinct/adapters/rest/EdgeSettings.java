package dev.precinct.adapters.rest;

import java.time.Duration;

/**
 * How the edge listens.
 *
 * @param port            the HTTP port; 0 picks a free one
 * @param maxBodyBytes    larger request bodies get 413
 * @param maxWait         the longest {@code waitMs} a status read may ask for
 * @param drainTimeout    how long a graceful shutdown waits for in-flight requests
 * @param servesOperations whether the edge serves {@code /health/live}, {@code /health/ready} and {@code /metrics}
 *                        itself; false when a management listener ({@link EdgeServer#management}) serves them
 */
public record EdgeSettings(String host, int port, int maxBodyBytes, Duration maxWait, Duration drainTimeout,
                           boolean servesOperations) {
    /** An edge that serves the operations routes itself. */
    public EdgeSettings(String host, int port, int maxBodyBytes, Duration maxWait, Duration drainTimeout) {
        this(host, port, maxBodyBytes, maxWait, drainTimeout, true);
    }

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public static EdgeSettings defaults(String host, int port) {
        return new EdgeSettings(host, port, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
}
