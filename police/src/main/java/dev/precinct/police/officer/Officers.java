package dev.precinct.police.officer;

import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Field;
import dev.precinct.core.command.Rejection;
import dev.precinct.police.PoliceRoles;
import dev.precinct.core.command.Route;

import java.util.Optional;

/** The officer commands' catalog entries. */
public final class Officers {
    /** The topic of officer events, keyed by badge number. */
    public static final String TOPIC = "precinct.officers";

    public static final CommandType<RegisterOfficer> REGISTER = CommandType
            .builder("RegisterOfficer", RegisterOfficer.class)
            .fields(Field.text("badgeNumber"), Field.text("firstName"), Field.text("lastName"), Field.text("rank"),
                    Field.text("unit"))
            .route(Route.post("/api/v1/officers"))
            .requestReply("precinct.cmd.officer.register")
            .topic(TOPIC)
            .roles(PoliceRoles.SUPERVISOR)
            .decidedBy(OfficerProjection.NAME)
            .acceptanceRule((command, principal, readModels) ->
                    readModels.find(OfficerView.MODEL, command.badgeNumber()).isPresent()
                            ? Optional.of(Rejection.conflict("badge " + command.badgeNumber() + " is already registered"))
                            : Optional.empty())
            .resource(command -> "/api/v1/officers/" + command.badgeNumber())
            .build();

    public static final CommandType<ChangeOfficerDutyStatus> CHANGE_DUTY_STATUS = CommandType
            .builder("ChangeOfficerDutyStatus", ChangeOfficerDutyStatus.class)
            .fields(Field.text("badgeNumber"), Field.text("dutyStatus"), Field.optionalText("reason"))
            .route(Route.post("/api/v1/officers/{badgeNumber}/duty-status"))
            .requestReply("precinct.cmd.officer.duty-status")
            .topic(TOPIC)
            .roles(PoliceRoles.SUPERVISOR, PoliceRoles.OFFICER)
            .restrict(PoliceRoles.OFFICER, (command, principal) -> command.badgeNumber().equals(principal.name()))
            .decidedBy(OfficerProjection.NAME)
            .acceptanceRule((command, principal, readModels) -> {
                var officer = readModels.find(OfficerView.MODEL, command.badgeNumber());
                if (officer.isEmpty()) return Optional.of(Rejection.notFound("no officer with badge " + command.badgeNumber()));
                if (!ChangeOfficerDutyStatus.allowed(officer.get().dutyStatus(), DutyStatus.valueOf(command.dutyStatus())))
                    return Optional.of(Rejection.conflict("a suspended officer can only go OFF_DUTY"));
                return Optional.empty();
            })
            .resource(command -> "/api/v1/officers/" + command.badgeNumber())
            .build();

    private Officers() {
    }
}
