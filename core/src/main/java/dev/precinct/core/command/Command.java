package dev.precinct.core.command;

import java.util.List;

/**
 * The data of one command, as the client sent it and as the event log stores it in {@code <Command>Requested}.
 * Implementations are records; each is declared once in the command catalog.
 */
public interface Command {
    /** The id of the aggregate the command is about: the event's key and subject. */
    String aggregateId();

    /** The broken field rules, empty when every field is valid. Pure: no state is consulted. */
    List<Violation> violations();
}
