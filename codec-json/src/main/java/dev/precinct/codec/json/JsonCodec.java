package dev.precinct.codec.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import dev.precinct.core.domain.Catalog;

import java.io.IOException;

/**
 * Reads and writes Precinct's JSON: the entry point the adapters share. It owns the only Jackson mappers, built
 * once, and hands out the parts by what they encode: {@link #commands()} (command bodies and event data),
 * {@link #replies()} (acceptances as NATS replies and REST 202 bodies) and {@link #admin()} (dead letters,
 * projections, re-drives) and {@link #apiDocument()} (the OpenAPI document); itself it writes any record of the wire contract (read-model rows, problems). One
 * instance serves a whole process; it and its parts are thread-safe.
 */
public final class JsonCodec {
    private final ObjectMapper mapper;
    private final CommandJson commands;
    private final ReplyJson replies;
    private final AdminJson admin;
    private final ApiDocumentJson apiDocument;

    /** @param catalog the commands whose events and dead letters it reads */
    public JsonCodec(Catalog catalog) {
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
        var commandMapper = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        commands = new CommandJson(mapper, commandMapper);
        replies = new ReplyJson(mapper);
        admin = new AdminJson(mapper, commands, catalog);
        apiDocument = new ApiDocumentJson(mapper, catalog);
    }

    /** Command bodies: decoded with their shape checked, event data upcast, commands encoded. */
    public CommandJson commands() {
        return commands;
    }

    /** Acceptances: the NATS reply and the REST 202 body. */
    public ReplyJson replies() {
        return replies;
    }

    /** The operator's documents: dead letters, projections, rebuild progress and re-drives. */
    public AdminJson admin() {
        return admin;
    }

    /** The edge's OpenAPI document: the domains' own, with the routes none of them documents generated. */
    public ApiDocumentJson apiDocument() {
        return apiDocument;
    }

    /** Any record of the wire contract (read-model rows, problems, listings) as JSON. */
    public byte[] write(Object value) {
        return write(mapper, value);
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

    static byte[] write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String conciseMessage(IOException e) {
        var message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
