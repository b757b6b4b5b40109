package dev.precinct.core.port;

/**
 * Reads the event log for projections. Each subscription runs on a thread of the source's own, resumes each
 * partition at the sink's stored checkpoint (not the log's committed offsets) and stops when closed.
 */
@FunctionalInterface
public interface EventSource {
    AutoCloseable subscribe(EventSink sink);
}
