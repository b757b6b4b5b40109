package dev.precinct.app;

import dev.precinct.adapters.jdbc.JdbiCommandStatusExpiry;
import dev.precinct.adapters.jdbc.JdbiCommandStatusQueries;
import dev.precinct.adapters.jdbc.JdbiIncidentQueries;
import dev.precinct.adapters.jdbc.JdbiIncidentTable;
import dev.precinct.adapters.jdbc.JdbiObservationQueries;
import dev.precinct.adapters.jdbc.JdbiObservationTable;
import dev.precinct.adapters.jdbc.JdbiOfficerQueries;
import dev.precinct.adapters.jdbc.JdbiOfficerTable;
import dev.precinct.adapters.jdbc.JdbiProjectionCopies;
import dev.precinct.adapters.jdbc.JdbiProjectionStore;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.incident.IncidentProjection;
import dev.precinct.core.incident.IncidentView;
import dev.precinct.core.memory.InMemoryCommandStatuses;
import dev.precinct.core.memory.InMemoryIncidentQueries;
import dev.precinct.core.memory.InMemoryObservationQueries;
import dev.precinct.core.memory.InMemoryOfficerAssignments;
import dev.precinct.core.memory.InMemoryOfficerQueries;
import dev.precinct.core.memory.InMemoryProjectionStore;
import dev.precinct.core.observation.ObservationProjection;
import dev.precinct.core.observation.ObservationView;
import dev.precinct.core.officer.OfficerProjection;
import dev.precinct.core.officer.OfficerView;
import dev.precinct.core.port.CommandStatusQueries;
import dev.precinct.core.port.DeadLetterTopic;
import dev.precinct.core.port.Expirable;
import dev.precinct.core.port.IncidentQueries;
import dev.precinct.core.port.ObservationQueries;
import dev.precinct.core.port.OfficerQueries;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.EventSource;
import dev.precinct.core.port.ProjectionCopies;
import dev.precinct.core.port.ProjectionListener;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.port.Traces;
import dev.precinct.core.port.RecordCodec;
import dev.precinct.core.service.ProjectionEngine;
import dev.precinct.core.service.ProjectionRebuilder;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The read models: each projection's store, the query ports over them and the expiry of old command statuses, in
 * memory or in PostgreSQL, and for
 * PostgreSQL the fresh copies of each store that a rebuild fills ({@code null} in memory).
 */
record ReadSide(ProjectionStore<OfficerView> officerStore, ProjectionStore<IncidentView> incidentStore,
                ProjectionStore<ObservationView> observationStore, OfficerQueries officers, IncidentQueries incidents,
                ObservationQueries observations, CommandStatusQueries statuses, Expirable statusExpiry,
                ProjectionCopies<OfficerView> officerCopies, ProjectionCopies<IncidentView> incidentCopies,
                ProjectionCopies<ObservationView> observationCopies) {

    static ReadSide inMemory() {
        var statuses = new InMemoryCommandStatuses();
        var assignments = new InMemoryOfficerAssignments();
        var officers = new InMemoryProjectionStore<OfficerView>(statuses);
        var incidents = new InMemoryProjectionStore<IncidentView>(statuses, assignments);
        var observations = new InMemoryProjectionStore<ObservationView>(statuses);
        return new ReadSide(officers, incidents, observations, new InMemoryOfficerQueries(officers, assignments),
                new InMemoryIncidentQueries(incidents), new InMemoryObservationQueries(observations), statuses,
                statuses,
                null, null, null);
    }

    /** @param records the event log's record format, in which parked records are kept */
    static ReadSide postgres(Jdbi jdbi, RecordCodec records) {
        return new ReadSide(
                new JdbiProjectionStore<>(jdbi, OfficerProjection.NAME, new JdbiOfficerTable(), records),
                new JdbiProjectionStore<>(jdbi, IncidentProjection.NAME, new JdbiIncidentTable(), records),
                new JdbiProjectionStore<>(jdbi, ObservationProjection.NAME, new JdbiObservationTable(), records),
                new JdbiOfficerQueries(jdbi), new JdbiIncidentQueries(jdbi), new JdbiObservationQueries(jdbi),
                new JdbiCommandStatusQueries(jdbi), new JdbiCommandStatusExpiry(jdbi),
                new JdbiProjectionCopies<>(jdbi, OfficerProjection.NAME, new JdbiOfficerTable(), records),
                new JdbiProjectionCopies<>(jdbi, IncidentProjection.NAME, new JdbiIncidentTable(), records),
                new JdbiProjectionCopies<>(jdbi, ObservationProjection.NAME, new JdbiObservationTable(), records));
    }

    /** What acceptance rules read: a row of any read model by id. */
    ReadModels readModels() {
        return ReadModels.builder()
                .with(OfficerView.MODEL, officers::find)
                .with(IncidentView.MODEL, incidents::find)
                .with(ObservationView.MODEL, observations::find)
                .build();
    }

    /**
     * One rebuilder per projection when the read models are in PostgreSQL, reading the log through {@code source};
     * none in memory (those read models are rebuilt at every start).
     */
    List<ProjectionRebuilder<?>> rebuilders(EventSource source, Function<String, Map<TopicPartition, Long>> endOffsets,
                                            Clock clock) {
        if (officerCopies == null) return List.of();
        return List.of(
                new ProjectionRebuilder<>(new OfficerProjection(), officerCopies, source, endOffsets, clock),
                new ProjectionRebuilder<>(new IncidentProjection(), incidentCopies, source, endOffsets, clock),
                new ProjectionRebuilder<>(new ObservationProjection(), observationCopies, source, endOffsets, clock));
    }

    /** One engine per projection, each writing to its own store and sending what it cannot apply to {@code dlq}. */
    List<ProjectionEngine<?>> engines(ProjectionListener listener, DeadLetterTopic dlq, Clock clock, Traces traces) {
        return List.of(
                new ProjectionEngine<>(new OfficerProjection(), officerStore, dlq, listener, clock, traces),
                new ProjectionEngine<>(new IncidentProjection(), incidentStore, dlq, listener, clock, traces),
                new ProjectionEngine<>(new ObservationProjection(), observationStore, dlq, listener, clock, traces));
    }
}
