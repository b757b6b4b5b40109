/**
 * The edge: REST over Undertow, generic over the command catalog; the only public API of Precinct. Also the
 * management listener (health and metrics on a port of their own) that every role can run.
 */
package dev.precinct.adapters.rest;
