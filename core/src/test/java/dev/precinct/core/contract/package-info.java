/**
 * Contract tests of the ports: each runs against the in-memory implementation here and the real adapter in its
 * module, so the fakes stay honest.
 */
package dev.precinct.core.contract;
