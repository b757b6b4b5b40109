/**
 * A second domain on Precinct, written with its public API alone: an evidence chain of custody. Two commands, a
 * stored view, a read model in the app's own table through a JDBC handler, and an event upcast from version 1.
 */
package dev.precinct.examples.custody;
