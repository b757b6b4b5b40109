package dev.precinct.core.domain;

import dev.precinct.core.command.Command;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Role;
import dev.precinct.core.command.Route;
import dev.precinct.core.command.Violation;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.StoredView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A catalog over domains: look-ups by wire names, roles, and the declarations it refuses. */
class CatalogTest {
    private static final Role CLERK = Role.of("clerk");
    private static final ReadModel<Note> NOTES = new ReadModel<>("notes", Note.class);

    record Note(String id, String text) {
    }

    record TakeNote(String id, String text) implements Command {
        @Override
        public String aggregateId() {
            return id;
        }

        @Override
        public List<Violation> violations() {
            return List.of();
        }
    }

    static final class NoteProjection implements Projection<Note> {
        @Override
        public String name() {
            return "notes";
        }

        @Override
        public String topic() {
            return "notes";
        }

        @Override
        public ReadModel<Note> readModel() {
            return NOTES;
        }

        @Override
        public Decision<Note> decide(Note current, EventEnvelope event) {
            var note = (TakeNote) event.data();
            return new Decision.Applied<>(new Note(note.id(), note.text()));
        }
    }

    private static CommandType<TakeNote> takeNote(String name, String path) {
        return CommandType.builder(name, TakeNote.class).route(Route.post(path)).requestReply("notes." + name)
                .topic("notes").roles(CLERK).decidedBy("notes").resource(note -> path + "/" + note.id()).build();
    }

    private static Domain notes(CommandType<?>... commands) {
        return Domain.builder("notes").commands(commands).view(new NoteProjection(), StoredView.of(NOTES).build())
                .readers(CLERK).build();
    }

    @Test
    void commandsAreFoundByNameAndEventTypeAndTheRolesIncludeTheOperators() {
        var catalog = Catalog.of(notes(takeNote("TakeNote", "/notes")));

        assertEquals("TakeNote", catalog.byEventType("TakeNoteRequested").orElseThrow().name());
        assertTrue(catalog.byName("TakeNote").isPresent());
        assertEquals(List.of("notes"), catalog.topics());
        assertEquals(Set.of(CLERK, Role.ADMIN), catalog.roles());
        assertEquals(Set.of(CLERK), catalog.readers(NOTES));
    }

    @Test
    void twoCommandsOnOneRouteAreRefused() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> Catalog.of(notes(takeNote("TakeNote", "/notes"), takeNote("JotNote", "/notes"))));

        assertTrue(refused.getMessage().contains("route POST /notes"), refused.getMessage());
    }

    @Test
    void aCommandDecidedByAProjectionTheDomainLacksIsRefused() {
        var orphan = CommandType.builder("TakeNote", TakeNote.class).route(Route.post("/notes"))
                .requestReply("notes.take").topic("notes").roles(CLERK).decidedBy("elsewhere")
                .resource(note -> "/notes").build();

        assertThrows(IllegalArgumentException.class, () -> notes(orphan));
    }

    @Test
    void anEventOfAnOldVersionIsUpcastThroughEveryStepAndAMissingStepIsRefused() {
        var renamed = CommandType.builder("TakeNote", TakeNote.class).route(Route.post("/notes"))
                .requestReply("notes.take").topic("notes").roles(CLERK).decidedBy("notes")
                .resource(note -> "/notes").eventVersion(3)
                .upcaster(1, data -> Map.of("id", data.get("id"), "body", data.get("content")))
                .upcaster(2, data -> Map.of("id", data.get("id"), "text", data.get("body")))
                .build();

        assertEquals(Map.of("id", "n-1", "text", "hello"), renamed.upcast(1, Map.of("id", "n-1", "content", "hello")));
        assertThrows(IllegalArgumentException.class, () -> renamed.upcast(4, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CommandType.builder("TakeNote", TakeNote.class)
                .route(Route.post("/notes")).requestReply("notes.take").topic("notes").decidedBy("notes")
                .resource(note -> "/notes").eventVersion(2).build());
    }
}
