package dev.precinct.core.service;

import dev.precinct.core.projection.CommandStatus;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.projection.Decision;
import dev.precinct.police.officer.OfficerFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waiting for a command's outcome: woken by the projection's notice, or given up at the deadline. */
class CommandStatusWatchTest {
    private final Map<CorrelationId, CommandStatusView> statuses = new ConcurrentHashMap<>();
    private final CommandStatusWatch watch = new CommandStatusWatch(id -> Optional.ofNullable(statuses.get(id)),
            Executors.newVirtualThreadPerTaskExecutor());

    private CommandStatusView decided() {
        var event = OfficerFixtures.aRegisterOfficerRequested();
        var status = CommandStatusView.of(event, new Decision.Applied<>("row"), Instant.now());
        statuses.put(status.correlationId(), status);
        return status;
    }

    @Test
    void aKnownStatusIsAnsweredAtOnce() throws Exception {
        var status = decided();

        var answer = watch.await(status.correlationId(), Duration.ofSeconds(30)).get(5, TimeUnit.SECONDS);

        assertEquals(status, answer.orElseThrow());
    }

    @Test
    void aWaiterWakesWhenTheProjectionReportsTheCommandDecided() throws Exception {
        var event = OfficerFixtures.aRegisterOfficerRequested();
        var waiting = watch.await(event.correlationId(), Duration.ofSeconds(30));
        assertFalse(waiting.isDone());

        var status = CommandStatusView.of(event, new Decision.Applied<>("row"), Instant.now());
        statuses.put(event.correlationId(), status);
        watch.decided(List.of(event.correlationId()));

        assertEquals(CommandStatus.APPLIED, waiting.get(5, TimeUnit.SECONDS).orElseThrow().status());
    }

    @Test
    void aWaiterGivesUpEmptyWhenTheTimeIsUp() throws Exception {
        var answer = watch.await(CorrelationId.random(), Duration.ofMillis(50)).get(5, TimeUnit.SECONDS);

        assertTrue(answer.isEmpty());
    }
}
