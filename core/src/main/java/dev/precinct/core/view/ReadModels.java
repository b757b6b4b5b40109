package dev.precinct.core.view;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The current read models as rules and joins see them: the {@link ViewQueries} of each read model. Built once at
 * start-up over whatever stores are configured; safe for concurrent use.
 */
public final class ReadModels {
    private final Map<ReadModel<?>, ViewQueries<?>> queries;

    private ReadModels(Map<ReadModel<?>, ViewQueries<?>> queries) {
        this.queries = Map.copyOf(queries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The row of {@code model} with id {@code id}, or empty; see {@link #of}. */
    public <V> Optional<V> find(ReadModel<V> model, String id) {
        return of(model).find(id);
    }

    /**
     * The queries of {@code model}. Throws {@link IllegalStateException} when the node has no such read model (a
     * domain that reads another domain's read model it was not assembled with).
     */
    @SuppressWarnings("unchecked")
    public <V> ViewQueries<V> of(ReadModel<V> model) {
        var found = queries.get(model);
        if (found == null) throw new IllegalStateException("no read model " + model.name() + " in this node");
        return (ViewQueries<V>) found;
    }

    /**
     * These read models as queries return them: each {@link StoredView}'s {@link StoredView#readAs} applied to its
     * rows, its joins reading the rows of the other read models as this instance has them.
     */
    public ReadModels joined(Collection<? extends ViewStorage<?>> storages) {
        var joined = new HashMap<>(queries);
        for (var storage : storages)
            if (storage instanceof StoredView<?> view && queries.containsKey(view.model()))
                joined.put(view.model(), joinedQueries(view));
        return new ReadModels(joined);
    }

    private <V> ViewQueries<V> joinedQueries(StoredView<V> view) {
        var stored = of(view.model());
        var join = view.readAs();
        return new ViewQueries<>() {
            @Override
            public Optional<V> find(String id) {
                return stored.find(id).map(row -> join.apply(row, ReadModels.this));
            }

            @Override
            public Page<V> list(ViewFilter filter, PageRequest page) {
                var rows = stored.list(filter, page);
                return new Page<>(rows.items().stream().map(row -> join.apply(row, ReadModels.this)).toList(),
                        rows.nextCursor());
            }
        };
    }

    /** Collects the queries of each read model. */
    public static final class Builder {
        private final Map<ReadModel<?>, ViewQueries<?>> queries = new HashMap<>();

        public <V> Builder with(ReadModel<V> model, ViewQueries<V> modelQueries) {
            queries.put(model, modelQueries);
            return this;
        }

        /** A read model known by id only (no lists), for rules that only look rows up; tests use it. */
        public <V> Builder with(ReadModel<V> model, Function<String, Optional<V>> find) {
            return with(model, new ViewQueries<V>() {
                @Override
                public Optional<V> find(String id) {
                    return find.apply(id);
                }

                @Override
                public Page<V> list(ViewFilter filter, PageRequest page) {
                    throw new UnsupportedOperationException("read model " + model.name() + " is known by id only");
                }
            });
        }

        public ReadModels build() {
            return new ReadModels(queries);
        }
    }
}
