package dev.precinct.core.catalog;

import dev.precinct.core.command.CommandType;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.incident.IncidentProjection;
import dev.precinct.core.incident.Incidents;
import dev.precinct.core.observation.ObservationProjection;
import dev.precinct.core.observation.Observations;
import dev.precinct.core.officer.OfficerProjection;
import dev.precinct.core.officer.Officers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every command type and every projection, and look-ups by the names the adapters see on the wire. */
public final class CommandCatalog {
    private static final List<CommandType<?>> COMMANDS = List.of(Officers.REGISTER, Officers.CHANGE_DUTY_STATUS,
            Incidents.REPORT, Incidents.ASSIGN, Incidents.CLOSE, Observations.RECORD);
    private static final Map<String, CommandType<?>> BY_NAME = index(CommandType::name);
    private static final Map<String, CommandType<?>> BY_EVENT_TYPE = index(CommandType::eventType);

    private CommandCatalog() {
    }

    /** Every command type, in a stable order. */
    public static List<CommandType<?>> commands() {
        return COMMANDS;
    }

    /** A fresh instance of every projection. */
    public static List<Projection<?>> projections() {
        return List.of(new OfficerProjection(), new IncidentProjection(), new ObservationProjection());
    }

    public static Optional<CommandType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<CommandType<?>> byEventType(String eventType) {
        return Optional.ofNullable(BY_EVENT_TYPE.get(eventType));
    }

    /** Every distinct topic the commands write to. */
    public static List<String> topics() {
        return COMMANDS.stream().map(CommandType::topic).distinct().toList();
    }

    private static Map<String, CommandType<?>> index(Function<CommandType<?>, String> key) {
        return COMMANDS.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }
}
