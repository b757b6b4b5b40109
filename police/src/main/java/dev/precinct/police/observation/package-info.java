/** Observations: sightings, plate reads and location pings, recorded fire-and-forget; their read model. */
package dev.precinct.police.observation;
