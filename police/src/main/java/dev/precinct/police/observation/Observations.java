package dev.precinct.police.observation;

import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Field;
import dev.precinct.core.command.Ids;
import dev.precinct.police.PoliceRoles;
import dev.precinct.core.command.Route;

/** The observation command's catalog entry. */
public final class Observations {
    /** The topic of observation events, keyed by observation id. */
    public static final String TOPIC = "precinct.observations";

    public static final CommandType<RecordObservation> RECORD = CommandType
            .builder("RecordObservation", RecordObservation.class)
            .fields(Field.optionalText("observationId"), Field.text("kind"), Field.text("observedAt"),
                    Field.object("location", true, Field.number("lat"), Field.number("lon")),
                    Field.optionalText("badgeNumber"), Field.optionalText("incidentId"), Field.optionalText("plate"),
                    Field.optionalText("notes"))
            .route(Route.post("/api/v1/observations"))
            .fireAndForget()
            .topic(TOPIC)
            .roles(PoliceRoles.OFFICER, PoliceRoles.SENSOR)
            .decidedBy(ObservationProjection.NAME)
            .assignIds((record, commandId) -> record.observationId() != null ? record
                    : record.withObservationId(Ids.derived(commandId, "observation")))
            .resource(record -> "/api/v1/observations/" + record.observationId())
            .build();

    private Observations() {
    }
}
