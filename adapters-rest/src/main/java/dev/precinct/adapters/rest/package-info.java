/** The edge: REST over Undertow, generic over the command catalog; the only public API of Precinct. */
package dev.precinct.adapters.rest;
