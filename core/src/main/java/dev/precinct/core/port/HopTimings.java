package dev.precinct.core.port;

import dev.precinct.core.command.Hop;

import java.time.Duration;

/**
 * Records how long one hop of one command took, for a histogram per hop, command type and outcome. The outcome is
 * the command's as the recording component answers it: {@code accepted}, {@code rejected}, {@code failed}, and at
 * the edge and the NATS hop also {@code timeout}, {@code unavailable} or {@code error}.
 * <p>
 * Thread-safe; never blocks for long and never throws (it runs on the command's path).
 */
@FunctionalInterface
public interface HopTimings {
    /** Records nothing. */
    HopTimings NONE = (hop, commandType, outcome, took) -> { };

    void record(Hop hop, String commandType, String outcome, Duration took);
}
