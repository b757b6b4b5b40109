/** Projections and their effects: decisions, batches, parked records, command outcomes, status and rebuilds. */
package dev.precinct.core.projection;
