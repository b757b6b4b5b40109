package dev.precinct.core.command;

import java.util.Objects;

/**
 * A REST route: method and path template. For a command, a template variable names the field it fills,
 * for example {@code /api/v1/officers/{badgeNumber}/duty-status}.
 */
public record Route(String method, String path) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    public static Route post(String path) {
        return new Route("POST", path);
    }

    public static Route get(String path) {
        return new Route("GET", path);
    }
}
