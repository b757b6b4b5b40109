/** Declaring a domain and assembling the catalog of the domains a node runs. */
package dev.precinct.core.domain;
