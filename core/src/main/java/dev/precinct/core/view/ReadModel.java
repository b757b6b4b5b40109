package dev.precinct.core.view;

import java.util.Objects;

/** Names one read model and the type of its rows, so rules can look rows up without knowing the store. */
public record ReadModel<V>(String name, Class<V> viewType) {
    public ReadModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(viewType, "viewType");
    }
}
