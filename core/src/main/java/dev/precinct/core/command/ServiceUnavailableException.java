package dev.precinct.core.command;

/** No service could take the command: no business-logic responder, or the event log refused it. Safe to retry. */
public class ServiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
