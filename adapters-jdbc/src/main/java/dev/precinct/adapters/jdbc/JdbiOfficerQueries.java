package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.officer.OfficerFilter;
import dev.precinct.core.officer.OfficerView;
import dev.precinct.core.port.OfficerQueries;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link OfficerQueries} over the {@code officers} table that {@link JdbiOfficerTable} writes, with each officer's
 * current incident from the assignments that {@link JdbiIncidentTable} keeps. Lists are in badge-number order,
 * compared character by character whatever the database's locale; a page's cursor is the last badge number on
 * it, so the next page starts strictly after that badge. Each call reads one consistent snapshot. Thread-safe;
 * blocking; throws Jdbi's unchecked exceptions when the database fails.
 */
public final class JdbiOfficerQueries implements OfficerQueries {
    private final Jdbi jdbi;

    public JdbiOfficerQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<OfficerView> find(String badgeNumber) {
        if (!Keysets.storable(badgeNumber)) return Optional.empty();
        return jdbi.withHandle(handle -> handle
                .createQuery(JdbiOfficerTable.SELECT_WITH_INCIDENT + " WHERE o.badge_number = :badgeNumber")
                .bind("badgeNumber", badgeNumber)
                .map(JdbiOfficerTable.MAPPER)
                .findOne());
    }

    @Override
    public Page<OfficerView> list(OfficerFilter filter, PageRequest request) {
        var after = request.cursor() == null ? null : Keysets.ascendingKey(request.cursor());
        if (!Keysets.storable(filter.unit())) return new Page<>(List.of(), null);
        var conditions = new ArrayList<String>();
        if (filter.dutyStatus() != null) conditions.add("o.duty_status = :dutyStatus");
        if (filter.unit() != null) conditions.add("o.unit = :unit");
        if (after != null) conditions.add("o.badge_number > :after");
        var sql = JdbiOfficerTable.SELECT_WITH_INCIDENT + Keysets.where(conditions)
                + " ORDER BY o.badge_number LIMIT :limit";
        var rows = jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("limit", request.limit() + 1);
            if (filter.dutyStatus() != null) query.bind("dutyStatus", filter.dutyStatus().name());
            if (filter.unit() != null) query.bind("unit", filter.unit());
            if (after != null) query.bind("after", after);
            return query.map(JdbiOfficerTable.MAPPER).list();
        });
        return Keysets.page(rows, request.limit(), officer -> Cursor.encode(officer.badgeNumber()));
    }
}
