/** Test support shared with the adapters' integration tests: the real servers they run against. */
package dev.precinct.core.testing;
