package dev.precinct.bench.load;

/** One simulated client with its own connection: a call blocks until the answer is in. Used by one thread. */
public interface Client extends AutoCloseable {
    /** Makes one call; true when it succeeded (for example a 202), false when the server said no. */
    boolean call() throws Exception;

    @Override
    default void close() {
    }

    /** Opens the client numbered {@code index} (connections are opened before the clock starts). */
    @FunctionalInterface
    interface Factory {
        Client open(int index) throws Exception;
    }
}
