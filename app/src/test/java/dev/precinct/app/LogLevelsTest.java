package dev.precinct.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Levels an operator sets in the environment reach logback's loggers, over the jar's logback.xml. */
class LogLevelsTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Level rootBefore = context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();

    @AfterEach
    void restoreTheLevels() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootBefore);
        context.getLogger("dev.precinct.adapters.kafka").setLevel(null);
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
    }

    @Test
    void theRootLevelAndPerLoggerLevelsAreApplied() throws Exception {
        var settings = Settings.load(Map.of("PRECINCT_LOG_LEVEL", "warn",
                "PRECINCT_LOG_LEVELS", "dev.precinct.adapters.kafka=DEBUG, org.apache.kafka=ERROR"), List.of());
        LogLevels.apply(settings.logLevel(), settings.logLevels());

        assertFalse(LoggerFactory.getLogger("dev.precinct.core.service.ProjectionEngine").isInfoEnabled());
        assertTrue(LoggerFactory.getLogger("dev.precinct.core.service.ProjectionEngine").isWarnEnabled());
        assertTrue(LoggerFactory.getLogger("dev.precinct.adapters.kafka.KafkaEventSource").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer").isWarnEnabled());
        assertTrue(LoggerFactory.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer").isErrorEnabled());
    }

    @Test
    void nothingConfiguredKeepsTheJarsLevels() throws Exception {
        var settings = Settings.load(Map.of(), List.of());
        LogLevels.apply(settings.logLevel(), settings.logLevels());

        assertTrue(LoggerFactory.getLogger("dev.precinct.app.Precinct").isInfoEnabled());
        assertFalse(LoggerFactory.getLogger("dev.precinct.app.Precinct").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("org.apache.kafka.clients.Metadata").isInfoEnabled());
    }
}
