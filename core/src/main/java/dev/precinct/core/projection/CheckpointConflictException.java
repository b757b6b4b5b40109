package dev.precinct.core.projection;

/**
 * A projection's commit found a checkpoint other than the one its batch was read from: another projector took the
 * partition over and moved on. Nothing of the batch was written; read again from the stored checkpoint.
 */
public final class CheckpointConflictException extends RuntimeException {
    public CheckpointConflictException(String message) {
        super(message);
    }
}
