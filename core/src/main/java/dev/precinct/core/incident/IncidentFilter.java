package dev.precinct.core.incident;

/** Which incidents a list shows; a null criterion matches every incident. */
public record IncidentFilter(IncidentStatus status, Priority priority) {
    public static final IncidentFilter ALL = new IncidentFilter(null, null);

    public boolean matches(IncidentView incident) {
        return (status == null || incident.status() == status) && (priority == null || incident.priority() == priority);
    }
}
