package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.projection.CommandStatus;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.Hop;
import dev.precinct.police.Location;
import dev.precinct.core.command.Principal;
import dev.precinct.core.memory.InMemoryCommandStatuses;
import dev.precinct.core.memory.InMemoryDeadLetterStore;
import dev.precinct.core.memory.InMemoryEventLog;
import dev.precinct.core.memory.InMemoryHopTimings;
import dev.precinct.core.memory.InMemoryViewQueries;
import dev.precinct.core.memory.InMemoryProjectionStore;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.police.observation.ObservationProjection;
import dev.precinct.police.observation.ObservationView;
import dev.precinct.police.observation.Observations;
import dev.precinct.police.observation.RecordObservation;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.event.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fire-and-forget path: publish at the edge, duplicates dropped by the projection. */
class PublishCommandTest {
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final InMemoryEventLog log = new InMemoryEventLog(2);
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    private final InMemoryHopTimings timings = new InMemoryHopTimings();

    @AfterEach
    void stop() {
        executor.close();
    }

    private PublishCommand publishing(EventPublisher publisher) {
        return new PublishCommand(publisher, deadLetters, clock, executor, Duration.ofSeconds(2), timings);
    }

    private static CommandEnvelope aSighting(String key) {
        var sighting = new RecordObservation(null, "SIGHTING", "2026-11-29T08:15:00Z", new Location(51.5, -0.1, null),
                "B-1042", null, null, "blue van");
        return new CommandEnvelope(Observations.RECORD, sighting, new CommandId(key), CorrelationId.random(),
                new Principal("B-1042"), OfficerFixtures.aTraceparent());
    }

    @Test
    void aRetryPublishesAgainWithTheSameIdsAndTheProjectionKeepsOne() throws Exception {
        var first = publishing(log).send(aSighting("sight-1")).get(5, TimeUnit.SECONDS);
        var retry = publishing(log).send(aSighting("sight-1")).get(5, TimeUnit.SECONDS);
        var statuses = new InMemoryCommandStatuses();
        var store = new InMemoryProjectionStore<ObservationView>(statuses);
        var engine = new ProjectionEngine<>(new ObservationProjection(), store, ids -> { }, clock);

        engine.accept(List.copyOf(log.events(Observations.TOPIC)));

        var accepted = assertInstanceOf(Acceptance.Accepted.class, first);
        var again = assertInstanceOf(Acceptance.Accepted.class, retry);
        assertEquals(accepted.correlationId(), again.correlationId());
        assertEquals(accepted.resource(), again.resource());
        var events = log.events(Observations.TOPIC).stream().map(RecordedEvent::event).toList();
        assertEquals(2, events.size());
        assertEquals(EventEnvelope.SOURCE_EDGE, events.getFirst().source());
        assertEquals(1, new InMemoryViewQueries<>(store, ObservationView.STORAGE).list(ViewFilter.ALL, PageRequest.first(10)).items().size());
        assertEquals(CommandStatus.APPLIED, statuses.find(accepted.correlationId()).orElseThrow().status());
    }

    @Test
    void brokenFieldRulesAreRejectedAndNothingIsPublished() throws Exception {
        var bad = aSighting("sight-2").withData(new RecordObservation(null, "PLATE_READ", "2026-11-29T08:15:00Z",
                new Location(51.5, -0.1, null), null, null, null, null));

        var answer = publishing(log).send(bad).get(5, TimeUnit.SECONDS);

        assertEquals(Acceptance.Code.VALIDATION_FAILED, assertInstanceOf(Acceptance.Rejected.class, answer).code());
        assertTrue(log.events(Observations.TOPIC).isEmpty());
    }

    @Test
    void aFailedPublishIsDeadLetteredAndAnsweredFailed() throws Exception {
        EventPublisher down = event -> CompletableFuture.failedFuture(new IllegalStateException("broker down"));

        var answer = publishing(down).send(aSighting("sight-3")).get(5, TimeUnit.SECONDS);

        assertEquals(Acceptance.Code.PUBLISH_FAILED, assertInstanceOf(Acceptance.Failed.class, answer).code());
        assertEquals(1, deadLetters.list().size());
        assertEquals(EventEnvelope.SOURCE_EDGE, deadLetters.list().getFirst().event().source());
    }

    @Test
    void thePublishOfAnAcceptedObservationIsTimedWithItsValidation() throws Exception {
        publishing(log).send(aSighting("sight-4")).get(5, TimeUnit.SECONDS);

        var samples = timings.samples();

        assertEquals(List.of(Hop.VALIDATION, Hop.KAFKA), samples.stream().map(InMemoryHopTimings.Sample::hop).toList());
        assertTrue(samples.stream().allMatch(sample -> sample.outcome().equals("accepted")
                && sample.commandType().equals("RecordObservation")), samples::toString);
    }
}
