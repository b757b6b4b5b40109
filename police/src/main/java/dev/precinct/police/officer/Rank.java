package dev.precinct.police.officer;

/** An officer's rank. */
public enum Rank {
    CONSTABLE, SERGEANT, INSPECTOR, CHIEF_INSPECTOR, SUPERINTENDENT
}
