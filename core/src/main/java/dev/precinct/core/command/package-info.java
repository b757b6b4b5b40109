/** The command kernel: commands, their ids and principals, catalog entries, field rules and the acceptance answer. */
package dev.precinct.core.command;
