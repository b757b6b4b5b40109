package dev.precinct.core.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits in a test for a state that another thread or process reaches: asks the condition again every few
 * milliseconds until it holds, and fails the test, saying what it waited for, when it does not within the time
 * given. Never an assertion about speed: the time is a bound for a hung test, not a target.
 */
public final class Eventually {
    private static final Duration PAUSE = Duration.ofMillis(20);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code within}. */
    public static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + within + ": " + what);
            LockSupport.parkNanos(PAUSE.toNanos());
        }
    }
}
