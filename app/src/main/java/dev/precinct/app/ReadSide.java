package dev.precinct.app;

import dev.precinct.adapters.jdbc.JdbiCommandStatusExpiry;
import dev.precinct.adapters.jdbc.JdbiCommandStatusQueries;
import dev.precinct.adapters.jdbc.JdbiReadModel;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.domain.ProjectedView;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.memory.InMemoryCommandStatuses;
import dev.precinct.core.memory.InMemoryProjectionStore;
import dev.precinct.core.memory.InMemoryViewQueries;
import dev.precinct.core.port.CommandStatusQueries;
import dev.precinct.core.port.DeadLetterTopic;
import dev.precinct.core.port.Expirable;
import dev.precinct.core.port.EventSource;
import dev.precinct.core.port.ProjectionCopies;
import dev.precinct.core.port.ProjectionListener;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.port.RecordCodec;
import dev.precinct.core.port.Traces;
import dev.precinct.core.service.ProjectionEngine;
import dev.precinct.core.service.ProjectionRebuilder;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewQueries;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The read models of a catalog's views: each one's store, its queries and, in PostgreSQL, the fresh copies a
 * rebuild fills (none in memory); the command statuses and the expiry of old ones.
 */
record ReadSide(List<ReadModel<?>> readModels, CommandStatusQueries statuses, Expirable statusExpiry) {
    /** One read model's storage. */
    record ReadModel<V>(ProjectedView<V> view, ProjectionStore<V> store, ViewQueries<V> queries,
                        ProjectionCopies<V> copies) {
        ReadModel {
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(queries, "queries");
        }
    }

    static ReadSide inMemory(Catalog catalog) {
        var statuses = new InMemoryCommandStatuses();
        return new ReadSide(catalog.views().stream().<ReadModel<?>>map(view -> inMemory(view, statuses)).toList(),
                statuses, statuses);
    }

    private static <V> ReadModel<V> inMemory(ProjectedView<V> view, InMemoryCommandStatuses statuses) {
        var store = new InMemoryProjectionStore<V>(statuses);
        var lists = view.storage() instanceof StoredView<V> stored ? stored : null;
        return new ReadModel<>(view, store, new InMemoryViewQueries<>(store, lists), null);
    }

    /** @param records the event log's record format, in which parked records are kept */
    static ReadSide postgres(Catalog catalog, Jdbi jdbi, JsonCodec codec, RecordCodec records) {
        return new ReadSide(catalog.views().stream()
                .<ReadModel<?>>map(view -> postgres(view, jdbi, codec, records)).toList(),
                new JdbiCommandStatusQueries(jdbi), new JdbiCommandStatusExpiry(jdbi));
    }

    private static <V> ReadModel<V> postgres(ProjectedView<V> view, Jdbi jdbi, JsonCodec codec, RecordCodec records) {
        var stored = JdbiReadModel.of(jdbi, view, codec, records);
        return new ReadModel<>(view, stored.store(), stored.queries(), stored.copies());
    }

    /** What acceptance rules and joins read: the rows of every read model as stored. */
    ReadModels stored() {
        var builder = ReadModels.builder();
        readModels.forEach(model -> with(builder, model));
        return builder.build();
    }

    /** What queries read: the rows of every read model with their views' joins applied. */
    ReadModels queries() {
        return stored().joined(readModels.stream().map(model -> model.view().storage()).toList());
    }

    private static <V> void with(ReadModels.Builder builder, ReadModel<V> model) {
        builder.with(model.view().storage().model(), model.queries());
    }

    /**
     * One rebuilder per read model when they are in PostgreSQL, reading the log through {@code source}; none in
     * memory (those read models are rebuilt at every start).
     */
    List<ProjectionRebuilder<?>> rebuilders(EventSource source, Function<String, Map<TopicPartition, Long>> endOffsets,
                                            Clock clock) {
        return readModels.stream().filter(model -> model.copies() != null)
                .<ProjectionRebuilder<?>>map(model -> rebuilder(model, source, endOffsets, clock)).toList();
    }

    private static <V> ProjectionRebuilder<V> rebuilder(ReadModel<V> model, EventSource source,
                                                        Function<String, Map<TopicPartition, Long>> endOffsets,
                                                        Clock clock) {
        return new ProjectionRebuilder<>(model.view().projection(), model.copies(), source, endOffsets, clock);
    }

    /** One engine per read model, each writing to its own store and sending what it cannot apply to {@code dlq}. */
    List<ProjectionEngine<?>> engines(ProjectionListener listener, DeadLetterTopic dlq, Clock clock, Traces traces) {
        return readModels.stream().<ProjectionEngine<?>>map(model -> engine(model, listener, dlq, clock, traces))
                .toList();
    }

    private static <V> ProjectionEngine<V> engine(ReadModel<V> model, ProjectionListener listener, DeadLetterTopic dlq,
                                                  Clock clock, Traces traces) {
        return new ProjectionEngine<>(model.view().projection(), model.store(), dlq, listener, clock, traces);
    }
}
