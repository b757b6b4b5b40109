package dev.precinct.codec.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.DeadLetter;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.Field;
import dev.precinct.core.projection.ParkedAggregate;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.command.Principal;
import dev.precinct.core.projection.ProjectionStatus;
import dev.precinct.core.projection.RebuildProgress;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.command.Violation;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.projection.Redrive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and writes Precinct's JSON. One instance serves a whole process: it is thread-safe and holds the only
 * Jackson mappers, built once.
 */
public final class JsonCodec {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final Catalog catalog;
    private final ObjectMapper mapper;
    private final ObjectMapper commandMapper;

    /** @param catalog the commands whose events and dead letters it reads */
    public JsonCodec(Catalog catalog) {
        this.catalog = catalog;
        var ids = new SimpleModule("precinct-ids")
                .addSerializer(CommandId.class, ToStringSerializer.instance)
                .addSerializer(CorrelationId.class, ToStringSerializer.instance)
                .addSerializer(Principal.class, ToStringSerializer.instance);
        mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(ids)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        // a command's absent optional fields stay absent on the wire, so its JSON keeps the command's shape
        commandMapper = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    /**
     * Decodes the data of an event of {@code type} written at schema {@code version}: as a command body when it is
     * the current version, else after the type's upcasters turned it into the current version's. Malformed when
     * the version is not one this node knows or the data, upcast, does not have the command's shape.
     */
    public DecodedCommand decodeEvent(CommandType<?> type, int version, byte[] data) {
        if (version == type.eventVersion()) return decodeCommand(type, data, Map.of());
        try {
            var upcast = type.upcast(version, mapper.readValue(data, JSON_OBJECT));
            return decodeCommand(type, mapper.writeValueAsBytes(upcast), Map.of());
        } catch (IOException | RuntimeException e) {
            return new DecodedCommand.Malformed("version " + version + " of " + type.eventType() + " cannot be read: "
                    + e.getMessage(), List.of());
        }
    }

    /**
     * Decodes a command body of {@code type}, after filling in the fields the REST path carries
     * ({@code pathFields}; a body that names one of them with another value is malformed). Checks the JSON shape
     * against the catalog's fields only; the values are the command's rules' business.
     */
    public DecodedCommand decodeCommand(CommandType<?> type, byte[] body, Map<String, String> pathFields) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            return new DecodedCommand.Malformed("the body is not valid JSON: " + conciseMessage(e), List.of());
        }
        if (tree == null || !tree.isObject())
            return new DecodedCommand.Malformed("the body must be a JSON object", List.of());
        var object = (ObjectNode) tree;
        var violations = new ArrayList<Violation>();
        pathFields.forEach((name, value) -> {
            var given = object.get(name);
            if (given != null && !given.isNull() && !(given.isTextual() && given.asText().equals(value)))
                violations.add(new Violation(name, "must equal the value in the path, " + value));
            object.put(name, value);
        });
        checkShape(object, type.fields(), "", violations);
        if (!violations.isEmpty())
            return new DecodedCommand.Malformed("the body does not have the shape of " + type.name(), violations);
        try {
            return new DecodedCommand.Valid(mapper.treeToValue(object, type.dataType()));
        } catch (JsonProcessingException e) {
            throw new CodecException("the catalog's fields of " + type.name() + " do not match its record", e);
        }
    }

    /** The command's data as JSON: the request body on NATS and the event value on the event log. */
    public byte[] encodeCommand(Command data) {
        try {
            return commandMapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot write " + data.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The acceptance as JSON: the NATS reply, and for an accepted command the REST 202 body. */
    public byte[] encodeAcceptance(Acceptance acceptance) {
        var reply = switch (acceptance) {
            case Acceptance.Accepted a -> new Reply("ACCEPTED", a.commandId().value(), a.correlationId().toString(),
                    a.commandType(), a.resource(), a.event(), null, null, null, null);
            case Acceptance.Rejected r -> new Reply("REJECTED", r.commandId().value(), r.correlationId().toString(),
                    null, null, null, r.code().name(), r.reason(), r.violations().isEmpty() ? null : r.violations(),
                    null);
            case Acceptance.Failed f -> new Reply("FAILED", f.commandId().value(), f.correlationId().toString(),
                    null, null, null, f.code().name(), f.reason(), null, f.retryable());
        };
        return write(reply);
    }

    /** Reads a NATS reply; throws {@link CodecException} when it is not one. */
    public Acceptance decodeAcceptance(byte[] json) {
        try {
            var reply = mapper.readValue(json, Reply.class);
            var commandId = new CommandId(reply.commandId());
            var correlationId = CorrelationId.parse(reply.correlationId());
            return switch (reply.status()) {
                case "ACCEPTED" -> new Acceptance.Accepted(commandId, correlationId, reply.commandType(),
                        reply.resource(), reply.event());
                case "REJECTED" -> new Acceptance.Rejected(commandId, correlationId, new Rejection(
                        Acceptance.Code.valueOf(reply.code()), reply.reason(),
                        reply.violations() == null ? List.of() : reply.violations()));
                case "FAILED" -> new Acceptance.Failed(commandId, correlationId, Acceptance.Code.valueOf(reply.code()),
                        reply.reason(), Boolean.TRUE.equals(reply.retryable()));
                default -> throw new IllegalArgumentException("unknown status " + reply.status());
            };
        } catch (IOException | RuntimeException e) {
            throw new CodecException("not a Precinct reply", e);
        }
    }

    /** A dead-lettered command as JSON: the event with all its attributes, the error and when it failed. */
    public byte[] encodeDeadLetter(DeadLetter deadLetter) {
        var event = deadLetter.event();
        var json = mapper.createObjectNode();
        json.put("error", deadLetter.error());
        json.put("failedAt", deadLetter.failedAt().toString());
        var attributes = json.putObject("event");
        attributes.put("id", event.eventId().toString());
        attributes.put("type", event.eventType());
        attributes.put("source", event.source());
        attributes.put("time", event.time().toString());
        attributes.put("subject", event.subject());
        attributes.put("topic", event.topic());
        attributes.put("correlationId", event.correlationId().toString());
        attributes.put("commandId", event.commandId().value());
        attributes.put("issuedBy", event.issuedBy().name());
        attributes.put("traceparent", event.traceparent());
        attributes.set("data", commandMapper.valueToTree(event.data()));
        return write(json);
    }

    /**
     * The operator's listing of command dead letters, {@code {"items":[…]}} oldest first: per dead letter its
     * {@code id}, {@code kind} ({@code command}), the command's type, ids, aggregate id, principal and topic, the
     * {@code error}, {@code failedAt} and the command's {@code data}.
     */
    public byte[] encodeDeadLetterListing(List<DeadLetter> deadLetters) {
        return encodeDeadLetterListing(deadLetters, List.of());
    }

    /**
     * The operator's listing of both kinds of dead letters, {@code {"items":[…]}}: the command dead letters as
     * {@link #encodeDeadLetterListing(List)} writes them, then per parked aggregate an item of {@code kind}
     * {@code event}: its {@code id}, {@code projection}, {@code aggregateId}, the position ({@code topic},
     * {@code partition}, {@code offset}), {@code eventType} (its {@code ce_type} header, when it has one),
     * {@code reason} and {@code parkedAt} of the record it is parked on, {@code parkedCount} and every parked record
     * in log order ({@code parked}: position, reason, parkedAt).
     */
    public byte[] encodeDeadLetterListing(List<DeadLetter> deadLetters, List<ParkedAggregate> parked) {
        var json = mapper.createObjectNode();
        var items = json.putArray("items");
        for (var aggregate : parked) {
            var first = aggregate.first();
            var item = items.addObject();
            item.put("id", aggregate.id());
            item.put("kind", "event");
            item.put("projection", aggregate.projection());
            item.put("aggregateId", aggregate.aggregateId());
            item.put("topic", first.position().topic());
            item.put("partition", first.position().partition());
            item.put("offset", first.position().offset());
            var eventType = switch (first.delivery()) {
                case RecordedEvent recorded -> recorded.event().eventType();
                case PoisonRecord poison -> poison.record().headers().stream()
                        .filter(header -> header.name().equals("ce_type") && header.value() != null)
                        .map(header -> new String(header.value(), StandardCharsets.UTF_8))
                        .reduce((earlier, later) -> later).orElse(null);
            };
            if (eventType != null) item.put("eventType", eventType);
            item.put("reason", first.reason());
            item.put("parkedAt", first.parkedAt().toString());
            item.put("parkedCount", aggregate.events().size());
            var events = item.putArray("parked");
            for (var event : aggregate.events()) {
                var entry = events.addObject();
                entry.put("topic", event.position().topic());
                entry.put("partition", event.position().partition());
                entry.put("offset", event.position().offset());
                entry.put("reason", event.reason());
                entry.put("parkedAt", event.parkedAt().toString());
            }
        }
        for (var deadLetter : deadLetters) {
            var event = deadLetter.event();
            var item = items.addObject();
            item.put("id", deadLetter.id());
            item.put("kind", "command");
            item.put("commandType", event.type().name());
            item.put("commandId", event.commandId().value());
            item.put("correlationId", event.correlationId().toString());
            item.put("aggregateId", event.subject());
            item.put("issuedBy", event.issuedBy().name());
            item.put("topic", event.topic());
            item.put("error", deadLetter.error());
            item.put("failedAt", deadLetter.failedAt().toString());
            item.set("data", commandMapper.valueToTree(event.data()));
        }
        return write(json);
    }

    /** The operator's view of the projections, {@code {"items":[…]}}: each as {@link #encodeProjection} writes it. */
    public byte[] encodeProjections(List<ProjectionStatus> projections) {
        var json = mapper.createObjectNode();
        var items = json.putArray("items");
        for (var projection : projections) items.add(projectionNode(projection));
        return write(json);
    }

    /**
     * Where one projection stands: {@code name}, {@code topic}, {@code state} ({@code running}, {@code paused},
     * {@code rebuilding} or {@code remote}), the totals {@code lag} and {@code parked}, per partition its
     * {@code partition}, {@code checkpoint}, {@code endOffset}, {@code lag} and {@code parked}, and when this process
     * started a rebuild of it, that {@code rebuild}: {@code phase} ({@code replaying}, {@code switching},
     * {@code done} or {@code failed}), {@code startedAt}, {@code finishedAt} and {@code error} when there are
     * any, {@code progress} (0 to 1) and per partition the copy's {@code checkpoint} and the {@code endOffset}.
     */
    public byte[] encodeProjection(ProjectionStatus projection) {
        return write(projectionNode(projection));
    }

    private ObjectNode projectionNode(ProjectionStatus projection) {
        var json = mapper.createObjectNode();
        json.put("name", projection.name());
        json.put("topic", projection.topic());
        json.put("state", projection.state().name().toLowerCase(Locale.ROOT));
        json.put("lag", projection.partitions().stream().mapToLong(ProjectionStatus.Partition::lag).sum());
        json.put("parked", projection.partitions().stream().mapToInt(ProjectionStatus.Partition::parked).sum());
        var partitions = json.putArray("partitions");
        for (var partition : projection.partitions()) {
            var item = partitions.addObject();
            item.put("partition", partition.partition());
            item.put("checkpoint", partition.checkpoint());
            item.put("endOffset", partition.endOffset());
            item.put("lag", partition.lag());
            item.put("parked", partition.parked());
        }
        if (projection.rebuild() != null) json.set("rebuild", rebuildNode(projection.rebuild()));
        return json;
    }

    private ObjectNode rebuildNode(RebuildProgress rebuild) {
        var json = mapper.createObjectNode();
        json.put("phase", rebuild.phase().name().toLowerCase(Locale.ROOT));
        json.put("startedAt", rebuild.startedAt().toString());
        if (rebuild.finishedAt() != null) json.put("finishedAt", rebuild.finishedAt().toString());
        if (rebuild.error() != null) json.put("error", rebuild.error());
        json.put("progress", Math.floor(rebuild.fraction() * 1000) / 1000);
        var partitions = json.putArray("partitions");
        for (var partition : rebuild.partitions()) {
            var item = partitions.addObject();
            item.put("partition", partition.partition());
            item.put("checkpoint", partition.checkpoint());
            item.put("endOffset", partition.endOffset());
        }
        return json;
    }

    /**
     * What re-driving or skipping a parked aggregate did: {@code id}, {@code kind} ({@code event}),
     * {@code projection}, {@code aggregateId}, {@code applied}, {@code skipped}, {@code stillParked} and, when a
     * record still fails, its {@code reason}.
     */
    public byte[] encodeRedrive(String id, Redrive redrive) {
        var json = mapper.createObjectNode();
        json.put("id", id);
        json.put("kind", "event");
        json.put("projection", redrive.projection());
        json.put("aggregateId", redrive.aggregateId());
        json.put("applied", redrive.applied());
        json.put("skipped", redrive.skipped());
        json.put("stillParked", redrive.stillParked());
        if (redrive.reason() != null) json.put("reason", redrive.reason());
        return write(json);
    }

    /** Reads what {@link #encodeDeadLetter} wrote; throws {@link CodecException} for anything else. */
    public DeadLetter decodeDeadLetter(byte[] json) {
        try {
            var tree = mapper.readTree(json);
            var event = tree.required("event");
            var type = catalog.byEventType(event.required("type").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.get("type")));
            var data = mapper.treeToValue(event.required("data"), type.dataType());
            return new DeadLetter(new EventEnvelope(UUID.fromString(event.required("id").asText()), type, data,
                    event.required("source").asText(), Instant.parse(event.required("time").asText()),
                    CorrelationId.parse(event.required("correlationId").asText()),
                    new CommandId(event.required("commandId").asText()),
                    new Principal(event.required("issuedBy").asText()), event.required("traceparent").asText()),
                    tree.required("error").asText(), Instant.parse(tree.required("failedAt").asText()));
        } catch (IOException | RuntimeException e) {
            throw new CodecException("not a Precinct dead letter", e);
        }
    }

    /** Any record of the wire contract (read-model rows, problems, listings) as JSON. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code value} as JSON text, as {@link #write} writes it; for stores that keep documents (JSONB). */
    public String writeText(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The {@code type} that {@code json} holds, as {@link #write} wrote it; throws {@link CodecException} otherwise. */
    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new CodecException("not a " + type.getSimpleName() + ": " + conciseMessage(e), e);
        }
    }

    private static void checkShape(JsonNode object, List<Field> fields, String prefix, List<Violation> violations) {
        var known = new HashSet<String>();
        for (var field : fields) {
            known.add(field.name());
            var value = object.get(field.name());
            var name = prefix + field.name();
            if (value == null || value.isNull()) {
                if (field.required()) violations.add(new Violation(name, "is required"));
                continue;
            }
            switch (field.kind()) {
                case STRING -> {
                    if (!value.isTextual()) violations.add(new Violation(name, "must be a string"));
                }
                case NUMBER -> {
                    if (!value.isNumber()) violations.add(new Violation(name, "must be a number"));
                }
                case OBJECT -> {
                    if (!value.isObject()) violations.add(new Violation(name, "must be an object"));
                    else checkShape(value, field.fields(), name + ".", violations);
                }
            }
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) violations.add(new Violation(prefix + name, "is not a field of this command"));
        });
    }

    private static String conciseMessage(IOException e) {
        var message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
