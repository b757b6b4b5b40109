package dev.precinct.police.observation;

import dev.precinct.police.PoliceChecks;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.police.Location;
import dev.precinct.core.command.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Records an observation. Fire-and-forget: checked at the edge only, duplicates (by command id) dropped by the
 * projection.
 *
 * @param observationId optional UUID; derived from the command id when the client sends none
 * @param plate         required for {@code PLATE_READ}
 */
public record RecordObservation(String observationId, String kind, String observedAt, Location location,
                                String badgeNumber, String incidentId, String plate, String notes)
        implements Command {
    @Override
    public String aggregateId() {
        return observationId;
    }

    @Override
    public List<Violation> violations() {
        var out = new ArrayList<Violation>();
        FieldChecks.optionalUuid(out, "observationId", observationId);
        FieldChecks.oneOf(out, "kind", kind, ObservationKind.class);
        FieldChecks.time(out, "observedAt", observedAt);
        PoliceChecks.location(out, "location", location);
        PoliceChecks.optionalBadge(out, "badgeNumber", badgeNumber);
        FieldChecks.optionalUuid(out, "incidentId", incidentId);
        if (ObservationKind.PLATE_READ.name().equals(kind)) FieldChecks.text(out, "plate", plate, 16);
        else FieldChecks.optionalText(out, "plate", plate, 16);
        FieldChecks.optionalText(out, "notes", notes, 2000);
        return out;
    }

    /** This observation with {@code observationId}. */
    RecordObservation withObservationId(String observationId) {
        return new RecordObservation(observationId, kind, observedAt, location, badgeNumber, incidentId, plate, notes);
    }
}
