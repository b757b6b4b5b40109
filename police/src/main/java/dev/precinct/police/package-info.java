/** The police domain, the first client of Precinct's public API: its roles, shared field rules and the domain's declaration. */
package dev.precinct.police;
