package dev.precinct.core.memory;

import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewField;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.core.view.ViewQueries;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The queries of a read model kept in an {@link InMemoryProjectionStore}: rows by id and, for a {@link StoredView},
 * lists filtered by its fields in its order, paged by keyset as PostgreSQL pages them. Rows are returned as stored
 * (joins are applied above, by {@link dev.precinct.core.view.ReadModels#joined}). Thread-safe.
 */
public final class InMemoryViewQueries<V> implements ViewQueries<V> {
    private final InMemoryProjectionStore<V> store;
    private final StoredView<V> view;

    /** @param view the declaration lists follow; null for a read model that has none (rows by id only) */
    public InMemoryViewQueries(InMemoryProjectionStore<V> store, StoredView<V> view) {
        this.store = store;
        this.view = view;
    }

    @Override
    public Optional<V> find(String id) {
        return store.find(id);
    }

    @Override
    public Page<V> list(ViewFilter filter, PageRequest page) {
        if (view == null) throw new UnsupportedOperationException("this read model has no lists");
        Predicate<Map.Entry<String, V>> matches = row -> true;
        for (var criterion : filter.criteria().entrySet()) {
            var field = view.field(criterion.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "read model " + view.model().name() + " has no field " + criterion.getKey()));
            var matcher = matcher(field, criterion.getValue());
            matches = matches.and(row -> matcher.test(row.getValue()));
        }
        var order = view.order();
        var rows = store.entries();
        if (!order.byTime()) {
            String after = page.cursor() == null ? null : Cursor.decode(page.cursor(), 1).getFirst();
            return page(rows, matches, Map.Entry.comparingByKey(),
                    row -> after == null || row.getKey().compareTo(after) > 0, page, row -> Cursor.encode(row.getKey()));
        }
        Comparator<Map.Entry<String, V>> newestFirst = Comparator.comparing((Map.Entry<String, V> row) ->
                order.timeOf(row.getValue())).thenComparing(Map.Entry::getKey).reversed();
        Predicate<Map.Entry<String, V>> afterCursor = row -> true;
        if (page.cursor() != null) {
            var parts = Cursor.decode(page.cursor(), 2);
            Instant time;
            try {
                time = Instant.parse(parts.get(0));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of this list", e);
            }
            var id = parts.get(1);
            afterCursor = row -> {
                int byTime = order.timeOf(row.getValue()).compareTo(time);
                return byTime < 0 || (byTime == 0 && row.getKey().compareTo(id) < 0);
            };
        }
        return page(rows, matches, newestFirst, afterCursor, page,
                row -> Cursor.encode(order.timeOf(row.getValue()).toString(), row.getKey()));
    }

    private static <V> Page<V> page(Collection<Map.Entry<String, V>> rows, Predicate<Map.Entry<String, V>> matches,
                                    Comparator<Map.Entry<String, V>> order,
                                    Predicate<Map.Entry<String, V>> afterCursor, PageRequest request,
                                    Function<Map.Entry<String, V>, String> cursorOf) {
        var page = KeysetPages.page(rows, matches, order, afterCursor, request, cursorOf);
        return new Page<>(page.items().stream().map(Map.Entry::getValue).toList(), page.nextCursor());
    }

    private Predicate<V> matcher(ViewField<V> field, Object criterion) {
        return switch (field.match()) {
            case EQUALS -> {
                var values = (Set<?>) criterion;
                yield row -> {
                    var value = field.value().apply(row);
                    return value != null && values.contains(value);
                };
            }
            case CONTAINS -> row -> ((Collection<?>) field.value().apply(row)).contains(criterion);
            case SINCE -> row -> !view.order().timeOf(row).isBefore((Instant) criterion);
        };
    }
}
