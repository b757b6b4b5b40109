package dev.precinct.core.projection;

/**
 * What a re-drive or a skip did to one parked aggregate.
 *
 * @param stillParked how many records stay parked (the first failed again)
 * @param reason      why the first of those still fails, or {@code null} when none is left
 */
public record Redrive(String projection, String aggregateId, int applied, int skipped, int stillParked,
                      String reason) {
}
