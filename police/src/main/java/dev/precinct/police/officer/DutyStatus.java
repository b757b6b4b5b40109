package dev.precinct.police.officer;

/** Whether an officer is on duty; a new officer starts {@code OFF_DUTY}. */
public enum DutyStatus {
    ON_DUTY, OFF_DUTY, SUSPENDED
}
