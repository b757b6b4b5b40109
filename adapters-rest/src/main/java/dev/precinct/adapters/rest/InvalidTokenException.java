package dev.precinct.adapters.rest;

/** A bearer token that does not prove who the caller is; the edge answers 401. */
public class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
