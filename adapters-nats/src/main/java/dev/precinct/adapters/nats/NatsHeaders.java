package dev.precinct.adapters.nats;

/** The header names of the edge-to-BL contract. */
final class NatsHeaders {
    static final String COMMAND_ID = "Precinct-Command-Id";
    static final String CORRELATION_ID = "Precinct-Correlation-Id";
    static final String PRINCIPAL = "Precinct-Principal";
    static final String TRACEPARENT = "traceparent";

    private NatsHeaders() {
    }
}
