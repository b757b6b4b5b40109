/** The composition root: reads the configuration and wires every module by hand for the roles edge, bl, projector or all. */
package dev.precinct.app;
