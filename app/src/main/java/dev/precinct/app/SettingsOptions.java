package dev.precinct.app;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line flags of {@link Settings}, as picocli options made from {@link Settings#DEFINED}: one option
 * per setting, spelled with dots or dashes ({@code --http.port}, {@code --http-port}), plus {@code --config FILE}.
 * A flag given twice takes its last value. Stateless.
 */
final class SettingsOptions {
    /** The key under which {@link #valuesOf} gives the {@code --config} file. */
    static final String CONFIG = "config";

    private SettingsOptions() {
    }

    /** Adds the settings' options to {@code spec}. */
    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--" + CONFIG)
                .paramLabel("FILE")
                .description("a properties file of settings (http.port=9090, ...): over the environment, under flags")
                .type(String.class)
                .build());
        for (var setting : Settings.DEFINED) {
            var dotted = "--" + setting.key();
            var dashed = "--" + setting.key().replace('.', '-');
            var names = dotted.equals(dashed) ? new String[]{dotted} : new String[]{dotted, dashed};
            spec.addOption(OptionSpec.builder(names)
                    .paramLabel("<value>")
                    .description(setting.help() + " (" + setting.variable()
                            + (setting.defaultValue() == null || setting.defaultValue().isEmpty()
                            ? ")" : "; default " + setting.defaultValue() + ")"))
                    .type(String.class)
                    .build());
        }
    }

    /** The settings flags that {@code result} matched, by key ({@code http.port}, {@code config}). */
    static Map<String, String> valuesOf(ParseResult result) {
        var values = new LinkedHashMap<String, String>();
        var config = result.matchedOption("--" + CONFIG);
        if (config != null) values.put(CONFIG, config.getValue());
        for (var setting : Settings.DEFINED) {
            var option = result.matchedOption("--" + setting.key());
            if (option != null) values.put(setting.key(), option.getValue());
        }
        return values;
    }

    /**
     * Parses {@code arguments} that hold settings flags only.
     *
     * @throws IllegalArgumentException for an unknown flag, a flag without its value or a stray argument
     */
    static Map<String, String> parse(List<String> arguments) {
        var spec = CommandSpec.create().name("precinct");
        addTo(spec);
        var commandLine = new CommandLine(spec).setOverwrittenOptionsAllowed(true);
        try {
            return new HashMap<>(valuesOf(commandLine.parseArgs(arguments.toArray(String[]::new))));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
