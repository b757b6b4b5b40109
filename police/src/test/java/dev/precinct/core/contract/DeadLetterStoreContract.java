package dev.precinct.core.contract;

import dev.precinct.core.event.DeadLetter;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.core.port.DeadLetterStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link DeadLetterStore} does; subclasses give a fresh, empty store. */
public abstract class DeadLetterStoreContract {
    protected abstract DeadLetterStore store();

    private static DeadLetter aDeadLetter(String error) {
        return new DeadLetter(OfficerFixtures.aRegisterOfficerRequested(), error, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aFreshStoreIsEmpty() {
        var store = store();

        assertTrue(store.list().isEmpty());
        assertEquals(0, store.count());
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

    @Test
    void aDeadLetterIsFoundByItsId() {
        var store = store();
        var wanted = aDeadLetter("broker down");
        store.put(aDeadLetter("timed out"));
        store.put(wanted);

        var found = store.find(wanted.id());

        assertEquals(Optional.of(wanted), found);
        assertEquals(Optional.empty(), store.find(UUID.randomUUID().toString()));
    }

    @Test
    void aRemovedDeadLetterIsGoneAndTheOthersStay() {
        var store = store();
        var first = aDeadLetter("broker down");
        var second = aDeadLetter("timed out");
        store.put(first);
        store.put(second);

        var removed = store.remove(first.id());
        var removedAgain = store.remove(first.id());

        assertTrue(removed);
        assertFalse(removedAgain);
        assertEquals(List.of(second), store.list());
        assertEquals(1, store.count());
        assertEquals(Optional.empty(), store.find(first.id()));
    }

    @Test
    void theSameDeadLetterPutTwiceIsKeptOnce() {
        var store = store();
        var letter = aDeadLetter("broker down");

        store.put(letter);
        store.put(letter);

        assertEquals(List.of(letter), store.list());
        assertEquals(1, store.count());
    }
}
