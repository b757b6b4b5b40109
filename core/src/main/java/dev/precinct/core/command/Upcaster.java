package dev.precinct.core.command;

import java.util.Map;

/**
 * Turns the data of an event written at one schema version into the data of the next version, as a JSON object
 * (maps, lists, strings, numbers, booleans and nulls). The event log is kept for years and replayed from its start,
 * so an event's record may change (a field renamed, split, given a default) only with an upcaster from the old
 * version: a rebuild then reads old and new records alike. Must be a pure function; may change {@code data} in
 * place and return it.
 */
@FunctionalInterface
public interface Upcaster {
    /** The data of version n+1 for {@code data} of version n. */
    Map<String, Object> upcast(Map<String, Object> data);
}
