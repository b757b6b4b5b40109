package dev.precinct.police.observation;

import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;

import java.time.Instant;

/** Folds the observations topic into the observation read model. */
public final class ObservationProjection implements Projection<ObservationView> {
    public static final String NAME = "observations";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return Observations.TOPIC;
    }

    @Override
    public ReadModel<ObservationView> readModel() {
        return ObservationView.MODEL;
    }

    @Override
    public Decision<ObservationView> decide(ObservationView current, EventEnvelope event) {
        var violations = event.data().violations();
        if (!violations.isEmpty())
            return new Decision.Rejected<>("invalid " + violations.getFirst().field() + ": " + violations.getFirst().message());
        if (!(event.data() instanceof RecordObservation record))
            throw new IllegalArgumentException("the observation projection does not know " + event.eventType());
        if (current != null)
            return new Decision.Rejected<>("observation " + record.observationId() + " was already recorded");
        return new Decision.Applied<>(new ObservationView(record.observationId(),
                ObservationKind.valueOf(record.kind()), Instant.parse(record.observedAt()), record.location(),
                record.badgeNumber(), record.incidentId(), record.plate(), record.notes(), event.time()));
    }
}
