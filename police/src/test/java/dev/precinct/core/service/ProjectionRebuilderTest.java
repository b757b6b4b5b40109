package dev.precinct.core.service;

import dev.precinct.core.projection.ProjectionStatus;
import dev.precinct.core.projection.RebuildProgress;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.memory.InMemoryCommandStatuses;
import dev.precinct.core.memory.InMemoryDeadLetterTopic;
import dev.precinct.core.memory.InMemoryEventLog;
import dev.precinct.core.memory.InMemoryProjectionStore;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.police.officer.OfficerProjection;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.port.ProjectionCopies;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rebuilds over the in-memory log, with copies that record what the rebuilder did to them. */
class ProjectionRebuilderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final InMemoryEventLog log = new InMemoryEventLog(2);
    private final InMemoryProjectionStore<OfficerView> live = new InMemoryProjectionStore<>(new InMemoryCommandStatuses());
    private final ProjectionEngine<OfficerView> engine = new ProjectionEngine<>(new OfficerProjection(), live,
            new InMemoryDeadLetterTopic(), ids -> { }, Clock.systemUTC());
    private final RecordingCopies copies = new RecordingCopies();
    private ProjectionRebuilder<OfficerView> rebuilder;

    @AfterEach
    void close() throws InterruptedException {
        if (rebuilder != null) rebuilder.close();
    }

    @Test
    void aRebuildReplaysTheLogIntoAFreshCopyAndSwitchesToItOnceItHasReachedTheLiveCheckpoints() throws Exception {
        for (int i = 0; i < 20; i++) log.publish(OfficerFixtures.aRegisterOfficerRequested()).join();
        try (var subscription = log.subscribe(engine)) {
            Eventually.await("the live projection read the log", DEADLINE, () -> sum(live.nextOffsets()) == 20);
        }
        rebuilder = new ProjectionRebuilder<>(new OfficerProjection(), copies, log, log::endOffsets,
                Clock.systemUTC());
        var admin = new ReadSideAdmin(List.of(engine), List.of(rebuilder), log::endOffsets, true);

        var started = admin.rebuild(OfficerProjection.NAME).orElseThrow();

        assertEquals(ProjectionStatus.State.REBUILDING, started.state());
        assertEquals(RebuildProgress.Phase.REPLAYING, started.rebuild().phase());
        assertEquals(0.0, started.rebuild().fraction(), "nothing read yet of the log's 20 records");
        var copy = copies.made.getFirst();
        Eventually.await("the copy closed", DEADLINE, () -> copy.calls.contains("close"));
        var done = admin.projection(OfficerProjection.NAME).orElseThrow();
        assertEquals(RebuildProgress.Phase.DONE, done.rebuild().phase(), done.toString());
        assertEquals(ProjectionStatus.State.RUNNING, done.state());
        assertEquals(1.0, done.rebuild().fraction());
        assertEquals(List.of("create", "holdLive", "switchOver", "close"), copy.calls);
        assertEquals(live.nextOffsets(), copy.store.nextOffsets(), "the copy had read as far as the live one");
        assertEquals(live.rows().size(), copy.store.rows().size());
    }

    @Test
    void aSecondRebuildIsRefusedWhileOneRunsAndStoppingDropsTheCopy() throws Exception {
        log.publish(OfficerFixtures.aRegisterOfficerRequested()).join();
        // an end the log never reaches: the rebuild replays until it is stopped
        rebuilder = new ProjectionRebuilder<>(new OfficerProjection(), copies, log,
                topic -> Map.of(new TopicPartition(topic, 0), 1_000L), Clock.systemUTC());

        assertEquals(RebuildProgress.Phase.REPLAYING, rebuilder.start().phase());
        assertThrows(IllegalStateException.class, rebuilder::start);
        rebuilder.close();

        assertEquals(RebuildProgress.Phase.FAILED, rebuilder.progress().phase());
        assertEquals(List.of("create", "close"), copies.made.getFirst().calls, "never switched, dropped");
        assertEquals(1, copies.made.size());
    }

    @Test
    void aReadSideWithoutRebuildersRefusesToRebuildAndKnowsNoOtherName() {
        var admin = new ReadSideAdmin(List.of(engine), log::endOffsets, true);

        assertThrows(UnsupportedOperationException.class, () -> admin.rebuild(OfficerProjection.NAME));
        assertTrue(admin.rebuild("nonsense").isEmpty());
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }


    /** Copies in memory, each recording the calls it got; the switch itself is the real stores' business. */
    private final class RecordingCopies implements ProjectionCopies<OfficerView> {
        final List<RecordingCopy> made = new ArrayList<>();

        @Override
        public Copy<OfficerView> create() {
            var copy = new RecordingCopy();
            made.add(copy);
            return copy;
        }
    }

    private final class RecordingCopy implements ProjectionCopies.Copy<OfficerView> {
        final InMemoryProjectionStore<OfficerView> store = new InMemoryProjectionStore<>(new InMemoryCommandStatuses());
        final List<String> calls = new CopyOnWriteArrayList<>(List.of("create"));

        @Override
        public ProjectionStore<OfficerView> store() {
            return store;
        }

        @Override
        public Map<TopicPartition, Long> holdLive() {
            calls.add("holdLive");
            return new HashMap<>(live.nextOffsets());
        }

        @Override
        public void release() {
            calls.add("release");
        }

        @Override
        public void switchOver() {
            calls.add("switchOver");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }
}
