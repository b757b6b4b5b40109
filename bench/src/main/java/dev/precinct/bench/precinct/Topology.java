package dev.precinct.bench.precinct;

import java.util.List;

/** How Precinct's roles are spread over JVMs: all in one, or an edge, a business-logic and a projector JVM. */
public enum Topology {
    ONE_JVM("one JVM", "all", List.of("all")),
    SPLIT("edge + bl + projector JVMs", "split", List.of("projector", "bl", "edge"));

    private final String description;
    private final String shortName;
    private final List<String> roles;

    Topology(String description, String shortName, List<String> roles) {
        this.description = description;
        this.shortName = shortName;
        this.roles = roles;
    }

    public String description() {
        return description;
    }

    /** {@code all} or {@code split}: in row names and file names. */
    public String shortName() {
        return shortName;
    }

    /** The {@code --role} of each JVM, the edge last. */
    public List<String> roles() {
        return roles;
    }
}
