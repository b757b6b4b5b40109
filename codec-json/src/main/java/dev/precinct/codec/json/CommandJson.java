package dev.precinct.codec.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Field;
import dev.precinct.core.command.Violation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Command bodies: the REST and NATS request body and the event value on the event log. Thread-safe; obtained from
 * {@link JsonCodec#commands()}.
 */
public final class CommandJson {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final ObjectMapper commandMapper;

    CommandJson(ObjectMapper mapper, ObjectMapper commandMapper) {
        this.mapper = mapper;
        this.commandMapper = commandMapper;
    }

    /**
     * Decodes a command body of {@code type}, after filling in the fields the REST path carries
     * ({@code pathFields}; a body that names one of them with another value is malformed). Checks the JSON shape
     * against the catalog's fields only; the values are the command's rules' business.
     */
    public DecodedCommand decode(CommandType<?> type, byte[] body, Map<String, String> pathFields) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            return new DecodedCommand.Malformed("the body is not valid JSON: " + JsonCodec.conciseMessage(e),
                    List.of());
        }
        // the shape check walks the catalog's fields over the tree, so a command body stays a tree until it passes
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

    /**
     * Decodes the data of an event of {@code type} written at schema {@code version}: as a command body when it is
     * the current version, else after the type's upcasters turned it into the current version's. Malformed when
     * the version is not one this node knows or the data, upcast, does not have the command's shape.
     */
    public DecodedCommand decodeEvent(CommandType<?> type, int version, byte[] data) {
        if (version == type.eventVersion()) return decode(type, data, Map.of());
        try {
            var upcast = type.upcast(version, mapper.readValue(data, JSON_OBJECT));
            return decode(type, mapper.writeValueAsBytes(upcast), Map.of());
        } catch (IOException | RuntimeException e) {
            return new DecodedCommand.Malformed("version " + version + " of " + type.eventType() + " cannot be read: "
                    + e.getMessage(), List.of());
        }
    }

    /** The command's data as JSON, its absent optional fields absent, so that it decodes again. */
    public byte[] encode(Command data) {
        return JsonCodec.write(commandMapper, data);
    }

    /** The command's data as a JSON tree, as {@link #encode} writes it; for the documents that embed a command. */
    JsonNode tree(Command data) {
        return commandMapper.valueToTree(data);
    }

    /** The command's data of {@code type} that {@code tree} holds, as {@link #tree} wrote it. */
    Command read(JsonNode tree, CommandType<?> type) throws JsonProcessingException {
        return mapper.treeToValue(tree, type.dataType());
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
}
