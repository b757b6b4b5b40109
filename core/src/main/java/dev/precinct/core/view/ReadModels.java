package dev.precinct.core.view;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The current read models as acceptance rules see them: a row of a read model by its id. Built once at start-up
 * from the query ports of whatever stores are configured; safe for concurrent use when the lookups are.
 */
public final class ReadModels {
    private final Map<ReadModel<?>, Function<String, ? extends Optional<?>>> lookups;

    private ReadModels(Map<ReadModel<?>, Function<String, ? extends Optional<?>>> lookups) {
        this.lookups = Map.copyOf(lookups);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The row of {@code model} with id {@code id}, or empty. Throws {@link IllegalStateException} when no lookup
     * was registered for the model (a wiring bug).
     */
    public <V> Optional<V> find(ReadModel<V> model, String id) {
        var lookup = lookups.get(model);
        if (lookup == null) throw new IllegalStateException("no lookup registered for read model " + model.name());
        return lookup.apply(id).map(model.viewType()::cast);
    }

    /** Collects one lookup per read model. */
    public static final class Builder {
        private final Map<ReadModel<?>, Function<String, ? extends Optional<?>>> lookups = new HashMap<>();

        public <V> Builder with(ReadModel<V> model, Function<String, Optional<V>> lookup) {
            lookups.put(model, lookup);
            return this;
        }

        public ReadModels build() {
            return new ReadModels(lookups);
        }
    }
}
