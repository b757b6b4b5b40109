package dev.precinct.examples.custody;

import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;

/** Folds the custody topic into the evidence items; decides the custody commands' outcomes. */
final class EvidenceProjection implements Projection<EvidenceItem> {
    static final String NAME = "evidence";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return Custody.TOPIC;
    }

    @Override
    public ReadModel<EvidenceItem> readModel() {
        return EvidenceItem.MODEL;
    }

    @Override
    public Decision<EvidenceItem> decide(EvidenceItem item, EventEnvelope event) {
        return switch (event.data()) {
            case LogEvidence log when item != null -> new Decision.Rejected<>("item " + log.itemId() + " was already logged");
            case LogEvidence log -> new Decision.Applied<>(
                    new EvidenceItem(log.itemId(), log.description(), event.issuedBy().name(), event.time(), 0));
            case TransferCustody transfer when item == null -> new Decision.Rejected<>("no item " + transfer.itemId());
            case TransferCustody transfer -> Custody.refusal(item.custodian(), transfer, event.issuedBy())
                    .<Decision<EvidenceItem>>map(Decision.Rejected::new)
                    .orElseGet(() -> new Decision.Applied<>(new EvidenceItem(item.itemId(), item.description(),
                            transfer.to(), item.loggedAt(), item.handovers() + 1)));
            default -> throw new IllegalArgumentException("not a custody event: " + event.eventType());
        };
    }
}
