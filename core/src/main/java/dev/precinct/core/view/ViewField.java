package dev.precinct.core.view;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A field a stored view's lists can be filtered by, declared once: its name (the query parameter), how a
 * criterion matches, and the value it takes from a row. Stores keep each row's values beside the row (PostgreSQL:
 * an indexed JSONB column), so a filter never parses documents.
 *
 * @param name  the field's name, as the list's query parameter and in {@link ViewFilter}
 * @param match how a criterion on it matches a row
 * @param value the row's value: a {@code String} for {@link Match#EQUALS}, a {@code Collection<String>} for
 *              {@link Match#CONTAINS}; unused for {@link Match#SINCE}, which compares the list's time order
 * @param valid which criterion values can match at all; others are refused as bad input (400)
 * @param rule  the refusal's message for an invalid value, e.g. {@code "must be a UUID"}
 * @param <V>   the view's row
 */
public record ViewField<V>(String name, Match match, Function<V, ?> value, Predicate<String> valid, String rule) {
    /** How a criterion matches a row. */
    public enum Match {
        /** The row's value is one of the criterion's values (null rows never match). */
        EQUALS,
        /** The row's values contain the criterion's value. */
        CONTAINS,
        /** The row's time in the view's {@link ViewOrder#newestFirst newest-first order} is at or after the criterion. */
        SINCE
    }

    public ViewField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(rule, "rule");
        if (!name.matches("[a-zA-Z][a-zA-Z0-9]{0,62}"))
            throw new IllegalArgumentException("a view field's name is letters and digits: " + name);
    }

    /** Rows whose {@code value} equals the criterion (any text). */
    public static <V> ViewField<V> equal(String name, Function<V, String> value) {
        return new ViewField<>(name, Match.EQUALS, value, text -> true, "must be text");
    }

    /** Rows whose enum {@code value} is the criterion, one of {@code type}'s constants by name. */
    public static <V, E extends Enum<E>> ViewField<V> oneOf(String name, Class<E> type, Function<V, E> value) {
        var names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return new ViewField<>(name, Match.EQUALS, row -> {
            var constant = value.apply(row);
            return constant == null ? null : constant.name();
        }, names::contains, "must be one of " + String.join(", ", names));
    }

    /** Rows whose {@code values} contain the criterion. */
    public static <V> ViewField<V> contains(String name, Function<V, Collection<String>> values) {
        return new ViewField<>(name, Match.CONTAINS, row -> {
            var all = values.apply(row);
            return all == null ? List.of() : List.copyOf(all);
        }, text -> true, "must be text");
    }

    /** Rows at or after the criterion (an RFC 3339 time) in the view's newest-first order. */
    public static <V> ViewField<V> since(String name) {
        return new ViewField<>(name, Match.SINCE, row -> null, ViewFilter::isTime,
                "must be an RFC 3339 UTC time, e.g. 2026-11-29T08:15:00Z");
    }

    /** This field, accepting only criterion values {@code valid} says can match; others are refused with {@code rule}. */
    public ViewField<V> validating(Predicate<String> valid, String rule) {
        return new ViewField<>(name, match, value, valid, rule);
    }
}
