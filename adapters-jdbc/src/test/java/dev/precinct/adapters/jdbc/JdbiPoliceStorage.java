package dev.precinct.adapters.jdbc;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.contract.PoliceStorage;
import dev.precinct.core.domain.ProjectedView;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.testing.TestServices;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.ReadModels;
import dev.precinct.police.Police;

import java.util.HashMap;
import java.util.Map;

/** The police read models in a fresh PostgreSQL database of their own, as the projector keeps them. */
final class JdbiPoliceStorage implements PoliceStorage, AutoCloseable {
    private final PostgresDatabase database;
    private final Map<ReadModel<?>, ProjectionStore<?>> stores = new HashMap<>();
    private final ReadModels queries;

    JdbiPoliceStorage() {
        this(TestServices.freshDatabase());
    }

    /** The police read models in the database at {@code jdbcUrl}, on the test server. */
    JdbiPoliceStorage(String jdbcUrl) {
        database = new PostgresDatabase(jdbcUrl, TestServices.jdbcUser(), TestServices.jdbcPassword());
        var codec = new JsonCodec(Police.catalog());
        var stored = ReadModels.builder();
        var views = Police.domain().views();
        for (var view : views) add(view, codec, stored);
        queries = stored.build().joined(views.stream().map(ProjectedView::storage).toList());
    }

    private <V> void add(ProjectedView<V> view, JsonCodec codec, ReadModels.Builder stored) {
        var readModel = JdbiReadModel.of(database.jdbi(), view, codec, null);
        stores.put(view.storage().model(), readModel.store());
        stored.with(view.storage().model(), readModel.queries());
    }

    PostgresDatabase database() {
        return database;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> ProjectionStore<V> store(ReadModel<V> model) {
        return (ProjectionStore<V>) stores.get(model);
    }

    @Override
    public ReadModels queries() {
        return queries;
    }

    @Override
    public void close() {
        database.close();
    }
}
