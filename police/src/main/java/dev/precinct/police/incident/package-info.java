/** Incidents: reporting, assigning officers and closing; the incident read model and its projection. */
package dev.precinct.police.incident;
