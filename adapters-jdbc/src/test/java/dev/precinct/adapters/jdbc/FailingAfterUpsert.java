package dev.precinct.adapters.jdbc;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A read-model table that writes its rows and then breaks, as a commit interrupted half-way would. */
final class FailingAfterUpsert<V> implements ViewTable<V> {
    private final ViewTable<V> table;

    FailingAfterUpsert(ViewTable<V> table) {
        this.table = table;
    }

    @Override
    public Map<String, V> load(Handle handle, Collection<String> aggregateIds) {
        return table.load(handle, aggregateIds);
    }

    @Override
    public List<String> tables() {
        return table.tables();
    }

    @Override
    public void upsert(Handle handle, Map<String, V> rows) {
        table.upsert(handle, rows);
        throw new IllegalStateException("connection lost");
    }
}
