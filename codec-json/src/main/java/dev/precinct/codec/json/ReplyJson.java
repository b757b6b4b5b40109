package dev.precinct.codec.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.core.command.Acceptance;

import java.io.IOException;

/**
 * Acceptances as JSON: the NATS reply to a command, and for an accepted command the REST 202 body
 * (docs/asyncapi.yaml, openapi.json). Thread-safe; obtained from {@link JsonCodec#replies()}.
 */
public final class ReplyJson {
    private final ObjectMapper mapper;

    ReplyJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The acceptance as JSON: its {@code status}, ids and the fields of that status. */
    public byte[] encode(Acceptance acceptance) {
        return JsonCodec.write(mapper, Reply.of(acceptance));
    }

    /** Reads what {@link #encode} wrote; throws {@link CodecException} when it is not a reply. */
    public Acceptance decode(byte[] json) {
        try {
            return mapper.readValue(json, Reply.class).acceptance();
        } catch (IOException | RuntimeException e) {
            throw new CodecException("not a Precinct reply", e);
        }
    }
}
