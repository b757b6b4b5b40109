package dev.precinct.adapters.rest;

import dev.precinct.core.command.CommandType;

/**
 * Told what the edge answered, for metrics. Called on IO threads once a response is complete: must not block.
 */
public interface EdgeObserver {
    /** Observes nothing. */
    EdgeObserver NONE = new EdgeObserver() {
        @Override
        public void request(String method, String route, int status, long nanos) {
        }

        @Override
        public void command(CommandType<?> type, String outcome, long nanos) {
        }
    };

    /**
     * One HTTP request answered.
     *
     * @param route the route's path template (never the concrete path, so the set of values stays small)
     */
    void request(String method, String route, int status, long nanos);

    /**
     * One command answered, from the request's arrival to its answer.
     *
     * @param outcome {@code accepted}, {@code rejected}, {@code refused} (malformed, forbidden, too large),
     *                {@code failed} (the event log did not take it), {@code unavailable}, {@code timeout} or
     *                {@code error}
     */
    void command(CommandType<?> type, String outcome, long nanos);
}
