/** What the benchmark sends and where: the servers of the run, request bodies and the event records of the floors. */
package dev.precinct.bench.workload;
