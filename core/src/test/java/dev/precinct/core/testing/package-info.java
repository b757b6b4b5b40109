/** Test support shared with the adapters' and the app's tests: the real servers they run against, and waiting for a state. */
package dev.precinct.core.testing;
