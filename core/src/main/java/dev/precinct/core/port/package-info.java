/**
 * The ports: what the core needs from the outside world (event log, message bus, stores), as interfaces only.
 * Each has an in-memory implementation in {@code dev.precinct.core.memory} and a real one in an adapter module.
 */
package dev.precinct.core.port;
