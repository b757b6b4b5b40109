/** The event log's positions and raw records: where an event is stored, byte for byte, independent of any broker. */
package dev.precinct.core.log;
