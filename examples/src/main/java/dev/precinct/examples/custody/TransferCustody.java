package dev.precinct.examples.custody;

import dev.precinct.core.command.Command;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.command.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands an item over from its current custodian, who sends the command, to {@code to}. Its event is at schema
 * version 2: version 1 named the new custodian {@code recipient}.
 */
public record TransferCustody(String itemId, String to) implements Command {
    @Override
    public String aggregateId() {
        return itemId;
    }

    @Override
    public List<Violation> violations() {
        var out = new ArrayList<Violation>();
        FieldChecks.uuid(out, "itemId", itemId);
        FieldChecks.text(out, "to", to, 64);
        return out;
    }
}
