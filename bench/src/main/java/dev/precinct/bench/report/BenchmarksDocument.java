package dev.precinct.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * BENCHMARKS.md: the part a run writes (machine, command, table, plots) sits between two markers and is replaced
 * by each full run; the analysis around it is written by people and kept.
 */
public final class BenchmarksDocument {
    public static final String BEGIN = "<!-- scripts/bench writes from here: do not edit by hand -->";
    public static final String END = "<!-- scripts/bench writes up to here -->";

    private BenchmarksDocument() {
    }

    /** Puts {@code generated} between the markers of {@code file}, creating the file (or the markers) if missing. */
    public static void write(Path file, String generated) throws IOException {
        var section = BEGIN + "\n" + generated.strip() + "\n" + END;
        String text;
        if (!Files.exists(file)) {
            text = "# Precinct benchmarks\n\n" + section + "\n";
        } else {
            var existing = Files.readString(file, StandardCharsets.UTF_8);
            int begin = existing.indexOf(BEGIN);
            int end = existing.indexOf(END);
            text = begin >= 0 && end > begin
                    ? existing.substring(0, begin) + section + existing.substring(end + END.length())
                    : existing.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
