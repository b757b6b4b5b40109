package dev.precinct.examples.custody;

import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewField;
import dev.precinct.core.view.ViewOrder;

import java.time.Instant;

/** An item of evidence as it stands: who holds it and how often it changed hands. */
public record EvidenceItem(String itemId, String description, String custodian, Instant loggedAt, int handovers) {
    public static final ReadModel<EvidenceItem> MODEL = new ReadModel<>("evidence", EvidenceItem.class);

    /** Stored by Precinct, no SQL: {@code /api/v1/evidence?custodian=}, newest first. */
    public static final StoredView<EvidenceItem> STORAGE = StoredView.of(MODEL)
            .path("/api/v1/evidence", "itemId")
            .validId(FieldChecks::isUuid)
            .fields(ViewField.equal("custodian", EvidenceItem::custodian))
            .order(ViewOrder.newestFirst(EvidenceItem::loggedAt))
            .build();
}
