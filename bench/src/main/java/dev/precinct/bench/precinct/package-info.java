/** Precinct under test: its jar as separate processes (one JVM or edge, bl and projector JVMs), and its projection engine as a library for the replay. */
package dev.precinct.bench.precinct;
