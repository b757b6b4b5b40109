package dev.precinct.core.domain;

import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ViewStorage;

import java.util.Objects;

/**
 * A read model as a domain declares it: the projection that decides it and how it is stored.
 *
 * @param <V> the view's row
 */
public record ProjectedView<V>(Projection<V> projection, ViewStorage<V> storage) {
    public ProjectedView {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(storage, "storage");
        if (!projection.readModel().equals(storage.model()))
            throw new IllegalArgumentException("projection " + projection.name() + " maintains "
                    + projection.readModel().name() + ", not " + storage.model().name());
    }

    /** The projection's name: its consumer group, checkpoints and admin name. */
    public String name() {
        return projection.name();
    }
}
