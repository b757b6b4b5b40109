package dev.precinct.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One entry of the command catalog: everything the edge, the business-logic service and the projectors need to
 * know about a command, declared once. Adapters are generic over these entries.
 *
 * @param name           the command's name, e.g. {@code RegisterOfficer}; its event is {@code name + "Requested"}
 * @param dataType       the record that holds the command's data
 * @param fields         the JSON shape of the data
 * @param writePath      request/reply through the business-logic service, or fire-and-forget
 * @param route          the REST route that sends it
 * @param natsSubject    the subject the business-logic service answers on (request/reply commands)
 * @param topic          the event log topic of its aggregate
 * @param roles          the roles allowed to send it
 * @param projection     the name of the projection that decides its outcome
 * @param acceptanceRule its rules against the current read models
 * @param resource       the REST path of the resource the command creates or changes
 * @param <C>            the command
 */
public record CommandType<C extends Command>(
        String name,
        Class<C> dataType,
        List<Field> fields,
        WritePath writePath,
        Route route,
        String natsSubject,
        String topic,
        Set<Role> roles,
        String projection,
        AcceptanceRule<C> acceptanceRule,
        Function<C, String> resource) {

    public CommandType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        fields = List.copyOf(fields);
        Objects.requireNonNull(writePath, "writePath");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(natsSubject, "natsSubject");
        Objects.requireNonNull(topic, "topic");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(acceptanceRule, "acceptanceRule");
        Objects.requireNonNull(resource, "resource");
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
    public java.util.Optional<Rejection> check(Command data, Principal principal, ReadModels readModels) {
        return acceptanceRule.check(cast(data), principal, readModels);
    }
}
