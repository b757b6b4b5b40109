/** Events as the log carries them: envelopes, deliveries to projections, poison records and dead letters. */
package dev.precinct.core.event;
