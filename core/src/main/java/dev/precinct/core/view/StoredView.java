package dev.precinct.core.view;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A read model stored by Precinct with no SQL from the app: one document per id, lists filtered by declared
 * {@link ViewField fields} and paged in a declared {@link ViewOrder}. In memory it is a map; in PostgreSQL a table
 * of its own ({@code precinct_view_<name>}: the row as JSONB, the field values in an indexed JSONB column, the order's
 * time) that Precinct creates and indexes. Build one with {@link #of}.
 *
 * @param readAs what queries return for a stored row: a join of data from other read models, computed when read
 *               (so a rule about another read model is written once, where it belongs); identity by default. Not
 *               applied to the rows projections decide on
 * @param <V>    the view's row, a record that the JSON codec can write and read back
 */
public record StoredView<V>(ReadModel<V> model, Optional<String> path, String idName, Predicate<String> validId,
                            List<ViewField<V>> fields, ViewOrder<V> order, BiFunction<V, ReadModels, V> readAs)
        implements ViewStorage<V> {

    public StoredView {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(idName, "idName");
        Objects.requireNonNull(validId, "validId");
        fields = List.copyOf(fields);
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(readAs, "readAs");
        var names = new HashSet<String>();
        for (var field : fields) {
            // lower-cased: PostgreSQL folds the names of the fields' indexes
            if (!names.add(field.name().toLowerCase(Locale.ROOT)))
                throw new IllegalArgumentException(model.name() + ": field " + field.name() + " is declared twice");
            if (field.match() == ViewField.Match.SINCE && !order.byTime())
                throw new IllegalArgumentException(model.name() + ": a SINCE field needs a newest-first order");
        }
    }

    /** Starts the declaration of {@code model}'s storage. */
    public static <V> Builder<V> of(ReadModel<V> model) {
        return new Builder<>(model);
    }

    /** The declared field named {@code name}, or empty. */
    public Optional<ViewField<V>> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** Collects a stored view's declaration; defaults: not served over HTTP, any id, no fields, ordered by id. */
    public static final class Builder<V> {
        private final ReadModel<V> model;
        private Optional<String> path = Optional.empty();
        private String idName = "id";
        private Predicate<String> validId = id -> true;
        private final List<ViewField<V>> fields = new ArrayList<>();
        private ViewOrder<V> order = ViewOrder.byId();
        private BiFunction<V, ReadModels, V> readAs = (row, readModels) -> row;

        private Builder(ReadModel<V> model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Served at {@code GET {path}/{idName}} and, with its fields as query parameters, {@code GET {path}}.
         *
         * @param idName the name of the id in the path, e.g. {@code badgeNumber}
         */
        public Builder<V> path(String path, String idName) {
            this.path = Optional.of(path);
            this.idName = idName;
            return this;
        }

        public Builder<V> validId(Predicate<String> validId) {
            this.validId = validId;
            return this;
        }

        @SafeVarargs
        public final Builder<V> fields(ViewField<V>... fields) {
            this.fields.addAll(List.of(fields));
            return this;
        }

        public Builder<V> order(ViewOrder<V> order) {
            this.order = order;
            return this;
        }

        public Builder<V> readAs(BiFunction<V, ReadModels, V> readAs) {
            this.readAs = readAs;
            return this;
        }

        public StoredView<V> build() {
            return new StoredView<>(model, path, idName, validId, fields, order, readAs);
        }
    }
}
