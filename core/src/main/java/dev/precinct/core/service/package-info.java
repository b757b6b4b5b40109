/** The use cases, written against the ports only: accepting a command, projecting events, waiting for outcomes. */
package dev.precinct.core.service;
