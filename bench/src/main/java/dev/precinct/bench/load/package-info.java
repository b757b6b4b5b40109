/** Load generators: closed and open (fixed-rate) loops over blocking or asynchronous calls, with HdrHistogram latencies. */
package dev.precinct.bench.load;
