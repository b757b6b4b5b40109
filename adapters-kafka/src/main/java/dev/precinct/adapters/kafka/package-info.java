/** The event log on Kafka: the CloudEvents record format, the event publisher, the projection consumer and topic set-up. */
package dev.precinct.adapters.kafka;
