package dev.precinct.examples.custody;

import dev.precinct.core.command.Command;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.command.Violation;

import java.util.ArrayList;
import java.util.List;

/** Logs an item of evidence; the officer who logs it is its first custodian. */
public record LogEvidence(String itemId, String description) implements Command {
    @Override
    public String aggregateId() {
        return itemId;
    }

    @Override
    public List<Violation> violations() {
        var out = new ArrayList<Violation>();
        FieldChecks.optionalUuid(out, "itemId", itemId);
        FieldChecks.text(out, "description", description, 500);
        return out;
    }

    LogEvidence withItemId(String id) {
        return new LogEvidence(id, description);
    }
}
