package dev.precinct.adapters.rest;

import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.command.Violation;
import io.undertow.server.HttpServerExchange;

import java.util.ArrayList;
import java.util.List;

/** Reads a request's query parameters, collecting every bad one as a violation (answered 400 together). */
final class QueryParameters {
    private final HttpServerExchange exchange;
    private final List<Violation> violations = new ArrayList<>();

    QueryParameters(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    List<Violation> violations() {
        return violations;
    }

    /** The parameter's value, or null when absent or empty. */
    String text(String name) {
        var values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) return null;
        return values.getFirst();
    }

    long whole(String name, long defaultValue, long min, long max) {
        var value = text(name);
        if (value == null) return defaultValue;
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) return number;
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation(name, "must be a whole number from " + min + " to " + max));
        return defaultValue;
    }

    PageRequest page() {
        return new PageRequest((int) whole("limit", PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT), text("cursor"));
    }
}
