/**
 * In-memory implementations of every port: the embedded mode (one JVM, no services) and the fakes of the unit
 * tests. They keep the ports' contracts, checked by the same contract tests as the real adapters.
 */
package dev.precinct.core.memory;
