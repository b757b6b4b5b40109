package dev.precinct.codec.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.precinct.core.command.Violation;

import java.util.List;

/**
 * An RFC 9457 problem details body. {@code correlationId} is present where one exists, {@code violations} for
 * validation errors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String correlationId,
                      List<Violation> violations) {
    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
