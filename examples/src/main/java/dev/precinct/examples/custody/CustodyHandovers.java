package dev.precinct.examples.custody;

import dev.precinct.core.view.JdbcHandler;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chains of custody in the app's own table {@code custody_handovers} (migration {@code db/custody}), one row
 * per custodian of an item, written with plain JDBC in the projection's transaction. A chain only grows, so a write
 * inserts the rows it lacks.
 */
final class CustodyHandovers implements JdbcHandler<CustodyHistory> {
    @Override
    public List<String> tables() {
        return List.of("custody_handovers");
    }

    @Override
    public Map<String, CustodyHistory> load(Connection connection, Collection<String> ids) throws SQLException {
        var chains = new HashMap<String, List<CustodyHistory.Custody>>();
        try (var select = connection.prepareStatement("SELECT item_id, custodian, since FROM custody_handovers "
                + "WHERE item_id = ANY(?) ORDER BY item_id, seq")) {
            select.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next())
                    chains.computeIfAbsent(rows.getString("item_id"), id -> new ArrayList<>()).add(new CustodyHistory
                            .Custody(rows.getString("custodian"), rows.getObject("since", OffsetDateTime.class).toInstant()));
            }
        }
        var histories = new HashMap<String, CustodyHistory>();
        chains.forEach((id, chain) -> histories.put(id, new CustodyHistory(id, chain)));
        return histories;
    }

    @Override
    public void write(Connection connection, Map<String, CustodyHistory> rows) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO custody_handovers (item_id, seq, custodian, since) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (item_id, seq) DO NOTHING")) {
            for (var history : rows.values()) {
                for (int seq = 0; seq < history.chain().size(); seq++) {
                    var custody = history.chain().get(seq);
                    insert.setString(1, history.itemId());
                    insert.setInt(2, seq);
                    insert.setString(3, custody.custodian());
                    insert.setObject(4, custody.since().atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
