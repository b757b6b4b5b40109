/** The benchmark of issue #7: runs each row against Precinct and its floor in one run and prints one table. */
package dev.precinct.bench;
