/** The one JSON wire format of Precinct (Jackson): command bodies, replies, read-model rows and problem details. */
package dev.precinct.codec.json;
