package dev.precinct.codec.json;

/** A message that should be in Precinct's wire format is not: a bug or a foreign sender, never a user error. */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
