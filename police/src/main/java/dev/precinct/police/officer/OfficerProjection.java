package dev.precinct.police.officer;

import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;

/** Folds the officers topic into the officer read model, deciding each officer command in log order. */
public final class OfficerProjection implements Projection<OfficerView> {
    public static final String NAME = "officers";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return Officers.TOPIC;
    }

    @Override
    public ReadModel<OfficerView> readModel() {
        return OfficerView.MODEL;
    }

    @Override
    public Decision<OfficerView> decide(OfficerView current, EventEnvelope event) {
        var violations = event.data().violations();
        if (!violations.isEmpty())
            return new Decision.Rejected<>("invalid " + violations.getFirst().field() + ": " + violations.getFirst().message());
        return switch (event.data()) {
            case RegisterOfficer register -> register(current, register, event);
            case ChangeOfficerDutyStatus change -> changeDutyStatus(current, change, event);
            default -> throw new IllegalArgumentException("the officer projection does not know " + event.eventType());
        };
    }

    private static Decision<OfficerView> register(OfficerView current, RegisterOfficer command, EventEnvelope event) {
        if (current != null)
            return new Decision.Rejected<>("badge " + command.badgeNumber() + " is already registered");
        return new Decision.Applied<>(new OfficerView(command.badgeNumber(), command.firstName(), command.lastName(),
                Rank.valueOf(command.rank()), command.unit(), DutyStatus.OFF_DUTY, null, event.time(), event.time(), 1));
    }

    private static Decision<OfficerView> changeDutyStatus(OfficerView current, ChangeOfficerDutyStatus command,
                                                          EventEnvelope event) {
        if (current == null) return new Decision.Rejected<>("no officer with badge " + command.badgeNumber());
        var next = DutyStatus.valueOf(command.dutyStatus());
        if (!ChangeOfficerDutyStatus.allowed(current.dutyStatus(), next))
            return new Decision.Rejected<>("a suspended officer can only go OFF_DUTY");
        return new Decision.Applied<>(new OfficerView(current.badgeNumber(), current.firstName(), current.lastName(),
                current.rank(), current.unit(), next, null, current.registeredAt(), event.time(),
                current.version() + 1));
    }
}
