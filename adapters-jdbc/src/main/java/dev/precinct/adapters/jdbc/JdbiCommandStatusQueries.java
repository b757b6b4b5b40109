package dev.precinct.adapters.jdbc;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.projection.CommandStatus;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import dev.precinct.core.port.CommandStatusQueries;
import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link CommandStatusQueries} over the {@code command_status} table that every {@link JdbiProjectionStore}
 * writes. Thread-safe; blocking; throws Jdbi's unchecked exceptions when the database fails.
 */
public final class JdbiCommandStatusQueries implements CommandStatusQueries {
    private final Jdbi jdbi;

    public JdbiCommandStatusQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<CommandStatusView> find(CorrelationId correlationId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT correlation_id, command_id, command_type, status, reason, resource, issued_by,
                               accepted_at, applied_at
                        FROM command_status WHERE correlation_id = :correlationId""")
                .bind("correlationId", correlationId.value())
                .map((rs, ctx) -> new CommandStatusView(
                        new CorrelationId(rs.getObject("correlation_id", UUID.class)),
                        new CommandId(rs.getString("command_id")),
                        rs.getString("command_type"),
                        CommandStatus.valueOf(rs.getString("status")),
                        rs.getString("reason"),
                        rs.getString("resource"),
                        new Principal(rs.getString("issued_by")),
                        rs.getObject("accepted_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("applied_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }
}
