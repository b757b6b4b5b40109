package dev.precinct.core.command;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context at the points where a command enters Precinct (the edge's HTTP request, the business-logic
 * service's NATS request): the caller's {@code traceparent} when well-formed, else a new trace, as the
 * recommendation asks of a receiver that gets none or an invalid one. Stateless and thread-safe.
 */
public final class TraceContext {
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final HexFormat HEX = HexFormat.of();

    private TraceContext() {
    }

    /**
     * {@code traceparent} when well-formed (neither version {@code ff} nor an all-zero trace id), else a new sampled
     * trace's; null counts as absent.
     */
    public static String continueOrStart(String traceparent) {
        if (traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                && !traceparent.startsWith("ff") && !traceparent.regionMatches(3, "00000000000000000000000000000000", 0, 32))
            return traceparent;
        var random = ThreadLocalRandom.current();
        return "00-" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong()) + "-"
                + HEX.toHexDigits(random.nextLong()) + "-01";
    }
}
