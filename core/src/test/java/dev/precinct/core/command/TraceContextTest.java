package dev.precinct.core.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller's trace is continued when its traceparent is well-formed; otherwise a new one starts. */
class TraceContextTest {
    private static final String NEW_TRACE = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";

    @Test
    void aWellFormedTraceparentIsKept() {
        var traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertEquals(traceparent, TraceContext.continueOrStart(traceparent));
    }

    @Test
    void noneOrAnInvalidOneStartsANewTrace() {
        for (var invalid : new String[] {null, "", "garbage", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"}) {
            var started = TraceContext.continueOrStart(invalid);
            assertTrue(started.matches(NEW_TRACE), invalid + " → " + started);
        }
        assertNotEquals(TraceContext.continueOrStart(null), TraceContext.continueOrStart(null));
    }
}
