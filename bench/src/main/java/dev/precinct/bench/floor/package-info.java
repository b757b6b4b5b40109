/** The floors: each path done with the raw clients (jnats, kafka-clients, JDBC, Kafka Streams) against the same servers. */
package dev.precinct.bench.floor;
