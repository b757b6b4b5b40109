package dev.precinct.adapters.rest;

import java.time.Duration;

/**
 * How the edge listens.
 *
 * @param port            the HTTP port; 0 picks a free one
 * @param maxBodyBytes    larger request bodies get 413
 * @param maxWait         the longest {@code waitMs} a status read may ask for
 * @param drainTimeout    how long a graceful shutdown waits for in-flight requests
 */
public record EdgeSettings(String host, int port, int maxBodyBytes, Duration maxWait, Duration drainTimeout) {
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public static EdgeSettings defaults(String host, int port) {
        return new EdgeSettings(host, port, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
}
