package dev.precinct.examples.custody;

import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;

import java.util.List;

/** Folds the custody topic into each item's chain of custody, by the same rule as the evidence items. */
final class CustodyHistoryProjection implements Projection<CustodyHistory> {
    @Override
    public String name() {
        return "custody_history";
    }

    @Override
    public String topic() {
        return Custody.TOPIC;
    }

    @Override
    public ReadModel<CustodyHistory> readModel() {
        return CustodyHistory.MODEL;
    }

    @Override
    public Decision<CustodyHistory> decide(CustodyHistory history, EventEnvelope event) {
        return switch (event.data()) {
            case LogEvidence log when history != null -> new Decision.Rejected<>("item " + log.itemId() + " was already logged");
            case LogEvidence log -> new Decision.Applied<>(new CustodyHistory(log.itemId(),
                    List.of(new CustodyHistory.Custody(event.issuedBy().name(), event.time()))));
            case TransferCustody transfer when history == null -> new Decision.Rejected<>("no item " + transfer.itemId());
            case TransferCustody transfer -> Custody.refusal(history.custodian(), transfer, event.issuedBy())
                    .<Decision<CustodyHistory>>map(Decision.Rejected::new)
                    .orElseGet(() -> new Decision.Applied<>(history.handedTo(transfer.to(), event.time())));
            default -> throw new IllegalArgumentException("not a custody event: " + event.eventType());
        };
    }
}
