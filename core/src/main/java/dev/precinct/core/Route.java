package dev.precinct.core;

import java.util.Objects;

/**
 * The REST route of a command: method and path template. A template variable names the command field it fills,
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
}
