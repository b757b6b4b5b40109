/** ArchUnit rules, written as sentences, that fail the build when a dependency points the wrong way. */
package dev.precinct.architecture;
