package dev.precinct.examples.custody;

import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Field;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.command.Ids;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.command.Role;
import dev.precinct.core.command.Route;
import dev.precinct.core.domain.Domain;
import dev.precinct.core.view.JdbcView;

import java.util.Optional;

/**
 * An evidence chain of custody, declared with Precinct's public API alone: two commands, two read models (one
 * stored by Precinct, one in the app's own table through a JDBC handler) and one rule, "only the current custodian
 * may hand an item over", written once and checked at acceptance and at projection.
 */
public final class Custody {
    /** The topic of custody events, keyed by item id. */
    public static final String TOPIC = "custody.items";
    /** Logs items and hands them over. */
    public static final Role EVIDENCE_OFFICER = Role.of("evidence-officer");
    /** Reads the items and their chains of custody. */
    public static final Role AUDITOR = Role.of("auditor");

    public static final CommandType<LogEvidence> LOG = CommandType.builder("LogEvidence", LogEvidence.class)
            .fields(Field.optionalText("itemId"), Field.text("description"))
            .route(Route.post("/api/v1/evidence"))
            .requestReply("custody.cmd.log")
            .topic(TOPIC)
            .roles(EVIDENCE_OFFICER)
            .decidedBy(EvidenceProjection.NAME)
            .assignIds((log, commandId) -> log.itemId() != null ? log
                    : log.withItemId(Ids.derived(commandId, "evidence")))
            .acceptanceRule((log, principal, readModels) -> readModels.find(EvidenceItem.MODEL, log.itemId())
                    .map(item -> Rejection.conflict("item " + log.itemId() + " was already logged")))
            .resource(log -> "/api/v1/evidence/" + log.itemId())
            .build();

    public static final CommandType<TransferCustody> TRANSFER = CommandType
            .builder("TransferCustody", TransferCustody.class)
            .fields(Field.text("itemId"), Field.text("to"))
            .route(Route.post("/api/v1/evidence/{itemId}/transfers"))
            .requestReply("custody.cmd.transfer")
            .topic(TOPIC)
            .roles(EVIDENCE_OFFICER)
            .decidedBy(EvidenceProjection.NAME)
            .eventVersion(2)
            .upcaster(1, data -> {
                data.put("to", data.remove("recipient"));
                return data;
            })
            .acceptanceRule((transfer, principal, readModels) -> {
                var item = readModels.find(EvidenceItem.MODEL, transfer.itemId());
                if (item.isEmpty()) return Optional.of(Rejection.notFound("no item " + transfer.itemId()));
                return refusal(item.get().custodian(), transfer, principal).map(Rejection::conflict);
            })
            .resource(transfer -> "/api/v1/evidence/" + transfer.itemId())
            .build();

    private Custody() {
    }

    /** The custody domain, for a node to run. */
    public static Domain domain() {
        return Domain.builder("custody")
                .commands(LOG, TRANSFER)
                .view(new EvidenceProjection(), EvidenceItem.STORAGE)
                .view(new CustodyHistoryProjection(), JdbcView.of(CustodyHistory.MODEL, new CustodyHandovers())
                        .servedAt("/api/v1/custody-history", "itemId", FieldChecks::isUuid))
                .readers(EVIDENCE_OFFICER, AUDITOR)
                .migrations("classpath:db/custody")
                .build();
    }

    /** Only the current custodian may hand an item over, and not to themselves: why {@code issuer} may not. */
    static Optional<String> refusal(String custodian, TransferCustody transfer, Principal issuer) {
        if (!custodian.equals(issuer.name()))
            return Optional.of("only the current custodian, " + custodian + ", may hand item " + transfer.itemId()
                    + " over");
        if (custodian.equals(transfer.to())) return Optional.of(custodian + " holds item " + transfer.itemId() + " already");
        return Optional.empty();
    }
}
