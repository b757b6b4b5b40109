/** NATS: the edge's request client, the business-logic micro service, the command dead-letter stream and projection notices. */
package dev.precinct.adapters.nats;
