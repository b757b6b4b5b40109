package dev.precinct.adapters.jdbc;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewField;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.core.view.ViewQueries;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link StoredView} in PostgreSQL, in a table of its own that Precinct creates and indexes: {@code
 * precinct_view_<name> (id, doc, fields, sort_time)}, the row as JSONB in {@code doc}, the values of its declared
 * fields in {@code fields} (JSONB, one expression index per field: btree for equality, GIN for containment) and the
 * time of its newest-first order in {@code sort_time}. Lists filter on {@code fields} and page by keyset on
 * {@code (sort_time, id)} or {@code id}, with the cursors of core's in-memory lists. The app writes no SQL.
 * Thread-safe; holds no state but the declaration.
 */
final class JdbiStoredViewTable<V> implements ViewTable<V>, ViewQueries<V> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    // Any number works as long as every Precinct process uses the same one; advisory locks are per database.
    private static final long SCHEMA_LOCK = 0x707265636e637432L;
    /** PostgreSQL's NAMEDATALEN - 1. */
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private final Jdbi jdbi;
    private final StoredView<V> view;
    private final JsonCodec codec;
    private final String table;

    private JdbiStoredViewTable(Jdbi jdbi, StoredView<V> view, JsonCodec codec) {
        this.jdbi = jdbi;
        this.view = view;
        this.codec = codec;
        var name = view.model().name();
        if (!NAME.matcher(name).matches())
            throw new IllegalArgumentException("a stored view's name is lower case letters, digits and _, starting "
                    + "with a letter, at most 41 characters: " + name);
        this.table = "precinct_view_" + name;
    }

    /**
     * The stored view {@code view} in {@code jdbi}'s database, its table and indexes created when missing (an index
     * for a field declared since is added; one for a field no longer declared is left alone). Processes that start
     * at once wait for each other.
     */
    static <V> JdbiStoredViewTable<V> create(Jdbi jdbi, StoredView<V> view, JsonCodec codec) {
        var stored = new JdbiStoredViewTable<>(jdbi, view, codec);
        jdbi.useTransaction(stored::createTable);
        return stored;
    }

    private void createTable(Handle handle) {
        handle.execute("SELECT pg_advisory_xact_lock(?)", SCHEMA_LOCK);
        // ids compare character by character (COLLATE "C"), as in memory, whatever the database's locale
        handle.execute("CREATE TABLE IF NOT EXISTS " + table + " (id text COLLATE \"C\" PRIMARY KEY, "
                + "doc jsonb NOT NULL, fields jsonb NOT NULL, sort_time timestamptz)");
        var order = view.order().byTime() ? "sort_time DESC, id DESC" : "id";
        if (view.order().byTime())
            handle.execute("CREATE INDEX IF NOT EXISTS " + table + "_order ON " + table + " (" + order + ")");
        for (var field : view.fields()) {
            var index = indexName(table, field.name());
            switch (field.match()) {
                case EQUALS -> handle.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + table
                        + " ((fields->>'" + field.name() + "'), " + order + ")");
                case CONTAINS -> handle.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + table
                        + " USING gin ((fields->'" + field.name() + "'))");
                case SINCE -> { } // the order's index serves it
            }
        }
    }

    /**
     * The name of the index of {@code field} on {@code table}: {@code <table>_by_<field>}, or, when that is longer
     * than PostgreSQL keeps (it cuts identifiers at 63 bytes, so two long names could meet in one), its first 50
     * characters and 12 hex digits of its SHA-256: stable across starts, distinct per field.
     */
    static String indexName(String table, String field) {
        var name = table + "_by_" + field.toLowerCase(Locale.ROOT);
        if (name.length() <= MAX_IDENTIFIER_BYTES) return name;
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.US_ASCII));
            return name.substring(0, MAX_IDENTIFIER_BYTES - 13) + "_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public List<String> tables() {
        return List.of(table);
    }

    @Override
    public Map<String, V> load(Handle handle, Collection<String> ids) {
        var rows = new HashMap<String, V>();
        handle.createQuery("SELECT id, doc FROM " + table + " WHERE id = ANY(:ids)")
                .bindArray("ids", String.class, ids.stream().filter(Keysets::storable).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("id"), read(rs.getString("doc"))))
                .forEach(row -> rows.put(row.getKey(), row.getValue()));
        return rows;
    }

    @Override
    public void upsert(Handle handle, Map<String, V> rows) {
        var upsert = handle.prepareBatch("INSERT INTO " + table + " (id, doc, fields, sort_time) "
                + "VALUES (:id, CAST(:doc AS jsonb), CAST(:fields AS jsonb), :sortTime) "
                + "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, fields = excluded.fields, "
                + "sort_time = excluded.sort_time");
        rows.forEach((id, row) -> upsert.bind("id", id)
                .bind("doc", codec.writeText(row))
                .bind("fields", codec.writeText(fieldValues(row)))
                .bind("sortTime", Keysets.utc(view.order().timeOf(row)))
                .add());
        upsert.execute();
    }

    /** The values of the row's declared fields, by field name; fields without a value are left out. */
    private Map<String, Object> fieldValues(V row) {
        var values = new LinkedHashMap<String, Object>();
        for (var field : view.fields()) {
            if (field.match() == ViewField.Match.SINCE) continue;
            var value = field.value().apply(row);
            if (value != null) values.put(field.name(), value);
        }
        return values;
    }

    @Override
    public Optional<V> find(String id) {
        if (!Keysets.storable(id)) return Optional.empty();
        return jdbi.withHandle(handle -> handle.createQuery("SELECT doc FROM " + table + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> read(rs.getString("doc")))
                .findOne());
    }

    @Override
    public Page<V> list(ViewFilter filter, PageRequest page) {
        var conditions = new ArrayList<String>();
        var arguments = new HashMap<String, Object>();
        var texts = new HashMap<String, List<String>>();
        int n = 0;
        for (var criterion : filter.criteria().entrySet()) {
            var field = view.field(criterion.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "read model " + view.model().name() + " has no field " + criterion.getKey()));
            var parameter = "f" + n++;
            switch (field.match()) {
                case EQUALS -> {
                    var values = ((Set<?>) criterion.getValue()).stream().map(String::valueOf)
                            .filter(Keysets::storable).toList();
                    conditions.add("fields->>'" + field.name() + "' = ANY(:" + parameter + ")");
                    texts.put(parameter, values);
                }
                case CONTAINS -> {
                    if (!Keysets.storable((String) criterion.getValue())) return new Page<>(List.of(), null);
                    conditions.add("fields->'" + field.name() + "' @> CAST(:" + parameter + " AS jsonb)");
                    arguments.put(parameter, codec.writeText(List.of(criterion.getValue())));
                }
                case SINCE -> {
                    var since = (Instant) criterion.getValue();
                    if (since.isAfter(Keysets.LATEST)) return new Page<>(List.of(), null);
                    if (since.isAfter(Keysets.EARLIEST)) {
                        // stored times are whole microseconds: a finer one keeps the rows from the next microsecond
                        var micros = since.truncatedTo(ChronoUnit.MICROS);
                        conditions.add("sort_time >= :" + parameter);
                        arguments.put(parameter, Keysets.utc(micros.equals(since) ? since : micros.plus(1, ChronoUnit.MICROS)));
                    }
                }
            }
        }
        String order;
        if (view.order().byTime()) {
            order = " ORDER BY sort_time DESC, id DESC";
            if (page.cursor() != null) {
                var after = Keysets.NewestFirst.ofCursor(page.cursor());
                conditions.add("(sort_time, id) < (:afterTime, :afterId)");
                arguments.put("afterTime", after.boundTime());
                arguments.put("afterId", after.id());
            }
        } else {
            order = " ORDER BY id";
            if (page.cursor() != null) {
                conditions.add("id > :afterId");
                arguments.put("afterId", Keysets.ascendingKey(page.cursor()));
            }
        }
        var sql = "SELECT id, doc, sort_time FROM " + table + Keysets.where(conditions) + order + " LIMIT :limit";
        var rows = jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("limit", page.limit() + 1);
            arguments.forEach(query::bind);
            texts.forEach((name, values) -> query.bindArray(name, String.class, values));
            return query.map((rs, ctx) -> new Row<>(rs.getString("id"), read(rs.getString("doc")),
                    Keysets.instant(rs, "sort_time"))).list();
        });
        var found = Keysets.page(rows, page.limit(), row -> view.order().byTime()
                ? Keysets.NewestFirst.cursorOf(row.time(), row.id()) : Cursor.encode(row.id()));
        return new Page<>(found.items().stream().map(Row::view).toList(), found.nextCursor());
    }

    private V read(String json) {
        return codec.read(json, view.model().viewType());
    }

    private record Row<V>(String id, V view, Instant time) {
    }
}
