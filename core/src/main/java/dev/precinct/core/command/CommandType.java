package dev.precinct.core.command;

import dev.precinct.core.view.ReadModels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One entry of the command catalog: everything the edge, the business-logic service and the projectors need to
 * know about a command, declared once. Adapters are generic over these entries. Build one with {@link #builder}.
 *
 * @param name           the command's name, e.g. {@code RegisterOfficer}; its event is {@code name + "Requested"}
 * @param dataType       the record that holds the command's data
 * @param fields         the JSON shape of the data
 * @param writePath      request/reply through the business-logic service, or fire-and-forget
 * @param route          the REST route that sends it
 * @param natsSubject    the subject the business-logic service answers on; empty for fire-and-forget commands
 * @param topic          the event log topic of its aggregate
 * @param roles          the roles allowed to send it
 * @param restrictions   for some of those roles, a condition on the command and the caller's principal (an
 *                       officer may change only their own duty status)
 * @param projection     the name of the projection that decides its outcome
 * @param acceptanceRule its rules against the current read models
 * @param assignIds      fills in the ids the client may leave out, derived from the command id so a retry gets
 *                       the same ones
 * @param resource       the REST path of the resource the command creates or changes
 * @param eventVersion   the schema version of the event's data as written now, from 1; every event record carries
 *                       it, and a record without one is version 1
 * @param upcasters      for each older version n, the {@link Upcaster} from n to n+1
 * @param <C>            the command
 */
public record CommandType<C extends Command>(
        String name,
        Class<C> dataType,
        List<Field> fields,
        WritePath writePath,
        Route route,
        Optional<String> natsSubject,
        String topic,
        Set<Role> roles,
        Map<Role, BiPredicate<C, Principal>> restrictions,
        String projection,
        AcceptanceRule<C> acceptanceRule,
        BiFunction<C, CommandId, C> assignIds,
        Function<C, String> resource,
        int eventVersion,
        Map<Integer, Upcaster> upcasters) {

    public CommandType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        fields = List.copyOf(fields);
        Objects.requireNonNull(writePath, "writePath");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(natsSubject, "natsSubject");
        if (natsSubject.isPresent() != (writePath == WritePath.REQUEST_REPLY))
            throw new IllegalArgumentException(name + ": request/reply commands, and only they, have a NATS subject");
        Objects.requireNonNull(topic, "topic");
        roles = Set.copyOf(roles);
        restrictions = Map.copyOf(restrictions);
        if (!roles.containsAll(restrictions.keySet()))
            throw new IllegalArgumentException(name + ": only allowed roles can be restricted");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(acceptanceRule, "acceptanceRule");
        Objects.requireNonNull(assignIds, "assignIds");
        Objects.requireNonNull(resource, "resource");
        upcasters = Map.copyOf(upcasters);
        if (eventVersion < 1) throw new IllegalArgumentException(name + ": event versions start at 1");
        for (int version = 1; version < eventVersion; version++)
            if (!upcasters.containsKey(version))
                throw new IllegalArgumentException(name + ": no upcaster from event version " + version + " to "
                        + (version + 1) + "; a replay of the log would meet such records");
        if (upcasters.keySet().stream().anyMatch(version -> version >= eventVersion))
            throw new IllegalArgumentException(name + ": an upcaster from a version not older than " + eventVersion);
    }

    /**
     * The data of an event written at schema {@code version} as the current version's: the upcasters from that
     * version on, in order. Throws {@link IllegalArgumentException} for a version newer than this node knows (an
     * older node reading a newer writer's event) or below 1.
     */
    public Map<String, Object> upcast(int version, Map<String, Object> data) {
        if (version < 1 || version > eventVersion)
            throw new IllegalArgumentException(eventType() + " version " + version + " is not known here (versions 1 to "
                    + eventVersion + ")");
        var current = data;
        for (int from = version; from < eventVersion; from++) current = upcasters.get(from).upcast(current);
        return current;
    }

    /** Starts the entry of the command {@code name} whose data is {@code dataType}. */
    public static <C extends Command> Builder<C> builder(String name, Class<C> dataType) {
        return new Builder<>(name, dataType);
    }

    /** The CloudEvents type of the command's event, e.g. {@code RegisterOfficerRequested}. */
    public String eventType() {
        return name + "Requested";
    }

    /** Casts {@code data} to this command's record; throws {@link ClassCastException} for another command's data. */
    public C cast(Command data) {
        return dataType.cast(data);
    }

    /** The REST path of the resource {@code data} creates or changes. */
    public String resourceOf(Command data) {
        return resource.apply(cast(data));
    }

    /** Checks {@code data} against the read models; see {@link AcceptanceRule}. */
    public Optional<Rejection> check(Command data, Principal principal, ReadModels readModels) {
        return acceptanceRule.check(cast(data), principal, readModels);
    }

    /** Whether {@code caller} may send this command at all, before its data is known: one of its roles allows it. */
    public boolean allowsAnyRoleOf(Caller caller) {
        return roles.stream().anyMatch(caller::has);
    }

    /**
     * Whether {@code caller} may send this command with {@code data}: one of the caller's roles allows it, without
     * a restriction or with its restriction met.
     */
    public boolean permits(Caller caller, Command data) {
        var command = cast(data);
        return roles.stream().filter(caller::has).anyMatch(role -> {
            var restriction = restrictions.get(role);
            return restriction == null || restriction.test(command, caller.principal());
        });
    }

    /** {@code data} with the ids the client left out filled in from {@code commandId}. */
    public C withIds(Command data, CommandId commandId) {
        return assignIds.apply(cast(data), commandId);
    }

    /** Collects a catalog entry; every part without a default must be given. */
    public static final class Builder<C extends Command> {
        private final String name;
        private final Class<C> dataType;
        private List<Field> fields = List.of();
        private WritePath writePath;
        private Route route;
        private Optional<String> natsSubject = Optional.empty();
        private String topic;
        private Set<Role> roles = Set.of();
        private final Map<Role, BiPredicate<C, Principal>> restrictions = new HashMap<>();
        private String projection;
        private AcceptanceRule<C> acceptanceRule = AcceptanceRule.none();
        private BiFunction<C, CommandId, C> assignIds = (data, commandId) -> data;
        private Function<C, String> resource;
        private int eventVersion = 1;
        private final Map<Integer, Upcaster> upcasters = new HashMap<>();

        private Builder(String name, Class<C> dataType) {
            this.name = name;
            this.dataType = dataType;
        }

        public Builder<C> fields(Field... fields) {
            this.fields = List.of(fields);
            return this;
        }

        /** Sent by the edge to the business-logic service on {@code subject}. */
        public Builder<C> requestReply(String subject) {
            this.writePath = WritePath.REQUEST_REPLY;
            this.natsSubject = Optional.of(subject);
            return this;
        }

        /** Published by the edge straight to the event log. */
        public Builder<C> fireAndForget() {
            this.writePath = WritePath.FIRE_AND_FORGET;
            this.natsSubject = Optional.empty();
            return this;
        }

        public Builder<C> route(Route route) {
            this.route = route;
            return this;
        }

        public Builder<C> topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder<C> roles(Role... roles) {
            this.roles = Set.of(roles);
            return this;
        }

        /** Lets {@code role} send the command only when {@code condition} holds for the data and the principal. */
        public Builder<C> restrict(Role role, BiPredicate<C, Principal> condition) {
            this.restrictions.put(role, condition);
            return this;
        }

        public Builder<C> decidedBy(String projection) {
            this.projection = projection;
            return this;
        }

        public Builder<C> acceptanceRule(AcceptanceRule<C> rule) {
            this.acceptanceRule = rule;
            return this;
        }

        public Builder<C> assignIds(BiFunction<C, CommandId, C> assignIds) {
            this.assignIds = assignIds;
            return this;
        }

        public Builder<C> resource(Function<C, String> resource) {
            this.resource = resource;
            return this;
        }

        /** The schema version its events are written at now (1 when not given). */
        public Builder<C> eventVersion(int version) {
            this.eventVersion = version;
            return this;
        }

        /** How an event written at {@code version} becomes one of {@code version + 1}. */
        public Builder<C> upcaster(int version, Upcaster upcaster) {
            this.upcasters.put(version, upcaster);
            return this;
        }

        public CommandType<C> build() {
            return new CommandType<>(name, dataType, fields, writePath, route, natsSubject, topic, roles, restrictions,
                    projection, acceptanceRule, assignIds, resource, eventVersion, upcasters);
        }
    }
}
