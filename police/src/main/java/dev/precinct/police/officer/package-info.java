/** Officers: their commands and rules, the officer read model and the projection that maintains it. */
package dev.precinct.police.officer;
