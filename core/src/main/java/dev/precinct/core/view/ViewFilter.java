package dev.precinct.core.view;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which rows a list shows: criteria by {@link ViewField} name. An {@link ViewField.Match#EQUALS EQUALS} field takes
 * a set of values (a row matches any of them), a {@link ViewField.Match#CONTAINS CONTAINS} field one value, a
 * {@link ViewField.Match#SINCE SINCE} field an {@link Instant}. Fields without a criterion match every row.
 */
public record ViewFilter(Map<String, Object> criteria) {
    /** Every row. */
    public static final ViewFilter ALL = new ViewFilter(Map.of());

    public ViewFilter {
        criteria = Map.copyOf(criteria);
    }

    /** Starts a filter. */
    public static Builder where() {
        return new Builder();
    }

    /** The criterion of {@code field}, or null. */
    public Object criterion(String field) {
        return criteria.get(field);
    }

    static boolean isTime(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Collects criteria. */
    public static final class Builder {
        private final Map<String, Object> criteria = new HashMap<>();

        /** Rows whose {@code field} is one of {@code values}. */
        public Builder is(String field, String... values) {
            criteria.put(field, Set.of(values));
            return this;
        }

        /** Rows whose {@code field} contains {@code value}. */
        public Builder contains(String field, String value) {
            criteria.put(field, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Rows at or after {@code time} in the view's time order. */
        public Builder since(String field, Instant time) {
            criteria.put(field, Objects.requireNonNull(time, "time"));
            return this;
        }

        public ViewFilter build() {
            return new ViewFilter(criteria);
        }
    }
}
