/** Identifiers, envelopes, acceptance results and the other values every part of Precinct speaks. */
package dev.precinct.core;
