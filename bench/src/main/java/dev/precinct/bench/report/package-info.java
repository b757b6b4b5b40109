/** What a run leaves behind: the table as text and Markdown, BENCHMARKS.md and the PNG plots. */
package dev.precinct.bench.report;
