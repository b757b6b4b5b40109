package dev.precinct.core.log;

/**
 * The event log certainly did not store the event (it never left the publisher, or the log refused it for good):
 * publishing it again cannot make a second copy. Any other publish failure leaves the outcome unknown.
 */
public class EventNotStoredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventNotStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}
