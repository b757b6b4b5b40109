package dev.precinct.core.memory;

import dev.precinct.core.contract.PoliceStorage;
import dev.precinct.core.domain.ProjectedView;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.view.StoredView;
import dev.precinct.police.Police;

import java.util.HashMap;
import java.util.Map;

/** The police read models in memory, as the embedded mode keeps them. */
public final class InMemoryPoliceStorage implements PoliceStorage {
    private final Map<ReadModel<?>, InMemoryProjectionStore<?>> stores = new HashMap<>();
    private final ReadModels queries;

    public InMemoryPoliceStorage() {
        var statuses = new InMemoryCommandStatuses();
        var stored = ReadModels.builder();
        var views = Police.domain().views();
        for (var view : views) add(view, statuses, stored);
        queries = stored.build().joined(views.stream().map(ProjectedView::storage).toList());
    }

    private <V> void add(ProjectedView<V> view, InMemoryCommandStatuses statuses, ReadModels.Builder stored) {
        var store = new InMemoryProjectionStore<V>(statuses);
        stores.put(view.storage().model(), store);
        stored.with(view.storage().model(), new InMemoryViewQueries<>(store, (StoredView<V>) view.storage()));
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
}
