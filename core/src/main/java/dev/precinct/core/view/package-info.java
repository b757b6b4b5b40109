/** The read models as acceptance rules see them: a row of a named read model by its id. */
package dev.precinct.core.view;
