package dev.precinct.core.officer;

import dev.precinct.core.CommandType;
import dev.precinct.core.Field;
import dev.precinct.core.Rejection;
import dev.precinct.core.Role;
import dev.precinct.core.Route;
import dev.precinct.core.WritePath;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The officer commands' catalog entries. */
public final class Officers {
    /** The topic of officer events, keyed by badge number. */
    public static final String TOPIC = "precinct.officers";

    public static final CommandType<RegisterOfficer> REGISTER = new CommandType<>(
            "RegisterOfficer",
            RegisterOfficer.class,
            List.of(Field.text("badgeNumber"), Field.text("firstName"), Field.text("lastName"), Field.text("rank"),
                    Field.text("unit")),
            WritePath.REQUEST_REPLY,
            Route.post("/api/v1/officers"),
            "precinct.cmd.officer.register",
            TOPIC,
            Set.of(Role.SUPERVISOR),
            OfficerProjection.NAME,
            (command, principal, readModels) -> readModels.find(OfficerView.MODEL, command.badgeNumber()).isPresent()
                    ? Optional.of(Rejection.conflict("badge " + command.badgeNumber() + " is already registered"))
                    : Optional.empty(),
            command -> "/api/v1/officers/" + command.badgeNumber());

    private Officers() {
    }
}
