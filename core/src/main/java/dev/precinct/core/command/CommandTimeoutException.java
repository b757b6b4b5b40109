package dev.precinct.core.command;

/** The business-logic service did not answer in time: the outcome is unknown; retry with the same idempotency key. */
public class CommandTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
