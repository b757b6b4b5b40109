package dev.precinct.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Sets logger levels from the settings over those of the jar's {@code logback.xml}, so an operator can turn a
 * logger up or down without repacking the jar. Call it once at start-up, after the first logger (which reads
 * {@code logback.xml}); it changes the levels of the process's logback context and blocks for nothing.
 */
final class LogLevels {
    private LogLevels() {
    }

    /**
     * Gives the root logger {@code root} when present, then each named logger its level, in order.
     *
     * @param root    a level name Settings checked ({@code DEBUG}, …), or empty to keep logback.xml's
     * @param loggers logger name → level name, already checked
     * @throws IllegalStateException when SLF4J is not bound to logback (then nothing can be set)
     */
    static void apply(Optional<String> root, Map<String, String> loggers) {
        if (root.isEmpty() && loggers.isEmpty()) return;
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context))
            throw new IllegalStateException("log levels need logback behind SLF4J; found "
                    + LoggerFactory.getILoggerFactory().getClass().getName());
        root.ifPresent(level -> context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.valueOf(level)));
        loggers.forEach((name, level) -> context.getLogger(name).setLevel(Level.valueOf(level)));
    }
}
