package dev.precinct.examples.custody;

import dev.precinct.core.view.ReadModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every hand of an item of evidence, in order: the chain of custody. */
public record CustodyHistory(String itemId, List<Custody> chain) {
    public static final ReadModel<CustodyHistory> MODEL = new ReadModel<>("custody_history", CustodyHistory.class);

    /** One custodian's time with the item: from when they received it. */
    public record Custody(String custodian, Instant since) {
    }

    public CustodyHistory {
        chain = List.copyOf(chain);
    }

    CustodyHistory handedTo(String custodian, Instant at) {
        var longer = new ArrayList<>(chain);
        longer.add(new Custody(custodian, at));
        return new CustodyHistory(itemId, longer);
    }

    String custodian() {
        return chain.getLast().custodian();
    }
}
