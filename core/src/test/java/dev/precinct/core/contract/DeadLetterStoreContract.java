package dev.precinct.core.contract;

import dev.precinct.core.DeadLetter;
import dev.precinct.core.officer.OfficerFixtures;
import dev.precinct.core.port.DeadLetterStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link DeadLetterStore} does; subclasses give a fresh, empty store. */
public abstract class DeadLetterStoreContract {
    protected abstract DeadLetterStore store();

    private static DeadLetter aDeadLetter(String error) {
        return new DeadLetter(OfficerFixtures.aRegisterOfficerRequested(), error, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aFreshStoreIsEmpty() {
        assertTrue(store().list().isEmpty());
    }

    @Test
    void deadLettersAreKeptWholeOldestFirst() {
        var store = store();
        var first = aDeadLetter("broker down");
        var second = aDeadLetter("timed out");

        store.put(first);
        store.put(second);

        assertEquals(List.of(first, second), store.list());
    }
}
