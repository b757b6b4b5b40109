package dev.precinct.core.contract;

import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.ReadModels;

/**
 * The police read models on one storage (in memory, or one PostgreSQL database), as the query contracts use them:
 * each projection's store, and the queries over all of them with the views' joins applied.
 */
public interface PoliceStorage {
    /** The store the projection of {@code model} commits to. */
    <V> ProjectionStore<V> store(ReadModel<V> model);

    /** The read models as queries read them. */
    ReadModels queries();
}
