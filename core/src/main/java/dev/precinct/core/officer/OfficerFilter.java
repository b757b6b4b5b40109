package dev.precinct.core.officer;

/**
 * Which officers a list shows; a null criterion matches every officer.
 *
 * @param unit exact unit name
 */
public record OfficerFilter(DutyStatus dutyStatus, String unit) {
    public static final OfficerFilter ALL = new OfficerFilter(null, null);

    public boolean matches(OfficerView officer) {
        return (dutyStatus == null || officer.dutyStatus() == dutyStatus) && (unit == null || officer.unit().equals(unit));
    }
}
