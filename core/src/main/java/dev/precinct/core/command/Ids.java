package dev.precinct.core.command;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Ids Precinct derives rather than draws, so that a retried command gets the same ones. */
public final class Ids {
    private Ids() {
    }

    /**
     * A UUID derived from {@code commandId} and {@code purpose} (name-based, RFC 4122 version 3): the same command
     * id always gives the same id, different purposes give different ids.
     */
    public static String derived(CommandId commandId, String purpose) {
        return UUID.nameUUIDFromBytes(("precinct:" + purpose + ":" + commandId.value()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
