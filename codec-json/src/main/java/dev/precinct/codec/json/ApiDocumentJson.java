package dev.precinct.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Field;
import dev.precinct.core.command.Route;
import dev.precinct.core.command.WritePath;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenAPI document an edge serves at {@code /openapi.json}: the documents the catalog's domains declare
 * ({@link dev.precinct.core.domain.Domain#apiDocument()}), merged in the catalog's order, and for every served route
 * none of them documents an operation generated from the catalog: a command's body from its
 * {@link CommandType#fields() fields} and its responses, a read model's row from its record, a list's filters from
 * its declared fields. So an app's routes are documented whether or not it writes a document; a hand-written one
 * (the police's) says more and wins. Thread-safe; {@link #document} reads class-path resources and is meant to run
 * once, when the edge starts.
 */
public final class ApiDocumentJson {
    private static final String PROBLEM = "application/problem+json";

    private final ObjectMapper mapper;
    private final Catalog catalog;

    ApiDocumentJson(ObjectMapper mapper, Catalog catalog) {
        this.mapper = mapper;
        this.catalog = catalog;
    }

    /**
     * The document of an edge that serves {@code served}.
     *
     * @throws UncheckedIOException     when a declared document cannot be read
     * @throws IllegalArgumentException when a declared document is missing from the class path or is not an
     *                                  OpenAPI object
     */
    public byte[] document(List<Route> served) {
        var document = declared();
        var paths = (ObjectNode) document.get("paths");
        for (var route : served) {
            var path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            var method = route.method().toLowerCase(Locale.ROOT);
            if (!path.has(method)) path.set(method, generated(route));
        }
        return JsonCodec.write(mapper, document);
    }

    /** The domains' documents merged (the first one's info and servers; paths and components by name, first wins). */
    private ObjectNode declared() {
        ObjectNode merged = null;
        for (var domain : catalog.domains()) {
            if (domain.apiDocument().isEmpty()) continue;
            var document = read(domain.apiDocument().get());
            if (merged == null) {
                merged = document;
                continue;
            }
            putAbsent(merged.withObjectProperty("paths"), document.path("paths"));
            var components = merged.withObjectProperty("components");
            document.path("components").properties().forEach(kind ->
                    putAbsent(components.withObjectProperty(kind.getKey()), kind.getValue()));
        }
        if (merged == null) merged = base();
        if (!merged.has("paths")) merged.putObject("paths");
        var schemes = merged.withObjectProperty("components").withObjectProperty("securitySchemes");
        if (!schemes.has("bearer"))
            schemes.putObject("bearer").put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        return merged;
    }

    private ObjectNode base() {
        var base = mapper.createObjectNode().put("openapi", "3.1.0");
        var names = catalog.domains().stream().map(domain -> domain.name()).toList();
        base.putObject("info").put("title", "Precinct: " + String.join(", ", names)).put("version", "1")
                .put("description", "Generated from the catalog of the domains this edge runs.");
        return base;
    }

    private ObjectNode read(String resource) {
        try (var in = ApiDocumentJson.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("API document " + resource + " is not on the class path");
            if (!(mapper.readTree(in) instanceof ObjectNode document))
                throw new IllegalArgumentException("API document " + resource + " is not a JSON object");
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read API document " + resource, e);
        }
    }

    private static void putAbsent(ObjectNode into, JsonNode from) {
        from.properties().forEach(entry -> {
            if (!into.has(entry.getKey())) into.set(entry.getKey(), entry.getValue());
        });
    }

    private ObjectNode generated(Route route) {
        for (var type : catalog.commands())
            if (type.route().equals(route)) return command(type);
        for (var view : catalog.views()) {
            var storage = view.storage();
            if (storage.path().isEmpty()) continue;
            var list = storage.path().get();
            if (route.equals(Route.get(list)) && storage instanceof StoredView<?> stored) return list(stored);
            if (route.equals(Route.get(list + "/{" + storage.idName() + "}"))) return byId(storage);
        }
        var operation = mapper.createObjectNode().put("summary", route.method() + " " + route.path());
        operation.putObject("responses").putObject("default").put("description", "See the README.");
        return operation;
    }

    private ObjectNode command(CommandType<?> type) {
        var operation = operation(type.name(), type.name() + ": sends the command; "
                + (type.writePath() == WritePath.REQUEST_REPLY
                ? "202 once the business logic accepted it and the event log stored its event"
                : "202 once the event log stored its event") + ". Roles: " + type.roles().stream()
                .map(role -> role.wireName()).sorted().toList() + ".");
        operation.putArray("parameters").addObject().put("name", "Idempotency-Key").put("in", "header")
                .put("required", false).putObject("schema").put("type", "string");
        operation.putObject("requestBody").put("required", true).putObject("content")
                .putObject("application/json").set("schema", object(type.fields()));
        var responses = operation.putObject("responses");
        responses.putObject("202").put("description", "Accepted: the body names the command's correlationId.")
                .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        problems(responses, Map.of("400", "The body is not the command's JSON.", "401", "No valid token.",
                "403", "The token's roles may not send it.", "409", "The Idempotency-Key was used for another body.",
                "413", "The body is too large.", "415", "The body is not application/json.",
                "422", "A rule refused it: the body names each violation.",
                "503", "Not accepted: nothing was published; send it again."));
        return operation;
    }

    private ObjectNode list(StoredView<?> stored) {
        var operation = operation(stored.model().name() + "List", "Lists " + stored.model().name()
                + ", filtered by the declared fields, in pages.");
        var parameters = operation.putArray("parameters");
        for (var field : stored.fields()) query(parameters, field.name(), field.rule());
        query(parameters, "limit", "at most this many items (1-500)");
        query(parameters, "cursor", "the nextCursor of the previous page");
        var page = mapper.createObjectNode().put("type", "object");
        var properties = page.putObject("properties");
        properties.putObject("items").put("type", "array").set("items", record(stored.model().viewType()));
        properties.putObject("nextCursor").putArray("type").add("string").add("null");
        var responses = operation.putObject("responses");
        responses.putObject("200").put("description", "One page.").putObject("content")
                .putObject("application/json").set("schema", page);
        problems(responses, Map.of("400", "A filter, limit or cursor is not valid.", "401", "No valid token.",
                "403", "The token's roles may not read it."));
        return operation;
    }

    private ObjectNode byId(ViewStorage<?> storage) {
        var operation = operation(storage.model().name() + "ById", "Reads one row of " + storage.model().name() + ".");
        operation.putArray("parameters").addObject().put("name", storage.idName()).put("in", "path")
                .put("required", true).putObject("schema").put("type", "string");
        var responses = operation.putObject("responses");
        responses.putObject("200").put("description", "The row.").putObject("content")
                .putObject("application/json").set("schema", record(storage.model().viewType()));
        problems(responses, Map.of("401", "No valid token.", "403", "The token's roles may not read it.",
                "404", "No such row."));
        return operation;
    }

    private ObjectNode operation(String id, String summary) {
        var operation = mapper.createObjectNode().put("operationId", id).put("summary", summary);
        operation.putArray("security").addObject().putArray("bearer");
        return operation;
    }

    private static void query(ArrayNode parameters, String name, String description) {
        parameters.addObject().put("name", name).put("in", "query").put("required", false)
                .put("description", description).putObject("schema").put("type", "string");
    }

    private void problems(ObjectNode responses, Map<String, String> statuses) {
        statuses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(status -> {
            var schema = responses.putObject(status.getKey()).put("description", status.getValue())
                    .putObject("content").putObject(PROBLEM).putObject("schema").put("type", "object");
            var properties = schema.putObject("properties");
            for (var name : List.of("type", "title", "detail", "instance")) properties.putObject(name).put("type", "string");
            properties.putObject("status").put("type", "integer");
        });
    }

    private ObjectNode object(List<Field> fields) {
        var schema = mapper.createObjectNode().put("type", "object").put("additionalProperties", false);
        var properties = schema.putObject("properties");
        var required = mapper.createArrayNode();
        for (var field : fields) {
            properties.set(field.name(), switch (field.kind()) {
                case STRING -> mapper.createObjectNode().put("type", "string");
                case NUMBER -> mapper.createObjectNode().put("type", "number");
                case OBJECT -> object(field.fields());
            });
            if (field.required()) required.add(field.name());
        }
        if (!required.isEmpty()) schema.set("required", required);
        return schema;
    }

    /** A row's schema from its record: the JSON the codec writes for it. */
    private ObjectNode record(Class<?> type) {
        var schema = mapper.createObjectNode().put("type", "object");
        if (!type.isRecord()) return schema;
        var properties = schema.putObject("properties");
        for (var component : type.getRecordComponents())
            properties.set(component.getName(), schemaOf(component.getGenericType()));
        return schema;
    }

    private ObjectNode schemaOf(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                var array = mapper.createObjectNode().put("type", "array");
                array.set("items", schemaOf(parameterized.getActualTypeArguments()[0]));
                return array;
            }
            if (raw == Optional.class) return schemaOf(parameterized.getActualTypeArguments()[0]);
            if (Map.class.isAssignableFrom(raw)) return mapper.createObjectNode().put("type", "object");
        }
        if (!(type instanceof Class<?> cls)) return mapper.createObjectNode();
        if (cls == String.class || cls == UUID.class || cls == char.class) return text(null);
        if (cls == Instant.class || cls == OffsetDateTime.class) return text("date-time");
        if (cls == LocalDate.class) return text("date");
        if (cls == boolean.class || cls == Boolean.class) return mapper.createObjectNode().put("type", "boolean");
        if (cls == int.class || cls == long.class || cls == Integer.class || cls == Long.class || cls == short.class)
            return mapper.createObjectNode().put("type", "integer");
        if (cls == double.class || cls == float.class || Number.class.isAssignableFrom(cls) || cls == BigDecimal.class)
            return mapper.createObjectNode().put("type", "number");
        if (cls.isEnum()) {
            var schema = text(null);
            var values = schema.putArray("enum");
            for (var constant : cls.getEnumConstants()) values.add(((Enum<?>) constant).name());
            return schema;
        }
        if (cls.isRecord()) return record(cls);
        return mapper.createObjectNode();
    }

    private ObjectNode text(String format) {
        var schema = mapper.createObjectNode().put("type", "string");
        if (format != null) schema.put("format", format);
        return schema;
    }
}
