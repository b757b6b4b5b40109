/**
 * NATS: the edge's request client, the business-logic micro service, the command dead-letter stream, projection
 * notices and the optional fan-out of applied events.
 */
package dev.precinct.adapters.nats;
