/** The command catalog: every command Precinct knows, declared once, for the adapters to be generic over. */
package dev.precinct.core.catalog;
