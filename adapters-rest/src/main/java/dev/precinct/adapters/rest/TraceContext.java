package dev.precinct.adapters.rest;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** W3C trace context: the client's {@code traceparent} when well-formed, else a new trace started at the edge. */
final class TraceContext {
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final HexFormat HEX = HexFormat.of();

    private TraceContext() {
    }

    static String continueOrStart(String traceparent) {
        if (traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                && !traceparent.startsWith("ff") && !traceparent.regionMatches(3, "00000000000000000000000000000000", 0, 32))
            return traceparent;
        var random = ThreadLocalRandom.current();
        return "00-" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong()) + "-"
                + HEX.toHexDigits(random.nextLong()) + "-01";
    }
}
