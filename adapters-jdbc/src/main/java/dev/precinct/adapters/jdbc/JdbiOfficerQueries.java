package dev.precinct.adapters.jdbc;

import dev.precinct.core.officer.OfficerView;
import dev.precinct.core.port.OfficerQueries;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/**
 * {@link OfficerQueries} over the {@code officers} table that {@link JdbiOfficerTable} writes. Thread-safe;
 * blocking; throws Jdbi's unchecked exceptions when the database fails.
 */
public final class JdbiOfficerQueries implements OfficerQueries {
    private final Jdbi jdbi;

    public JdbiOfficerQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<OfficerView> find(String badgeNumber) {
        return jdbi.withHandle(handle -> handle
                .createQuery(JdbiOfficerTable.SELECT + " WHERE badge_number = :badgeNumber")
                .bind("badgeNumber", badgeNumber)
                .map(JdbiOfficerTable.MAPPER)
                .findOne());
    }
}
