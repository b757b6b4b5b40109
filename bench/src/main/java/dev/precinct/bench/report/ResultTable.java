package dev.precinct.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The table of a run, as aligned text for the terminal and as Markdown for BENCHMARKS.md. */
public final class ResultTable {
    private static final List<String> HEADER = List.of("row", "what", "result", "floor", "ratio", "target", "met?");

    private ResultTable() {
    }

    public static String text(List<Row> rows) {
        var cells = cells(rows);
        var widths = new int[HEADER.size()];
        for (var line : cells)
            for (int i = 0; i < line.size(); i++) widths[i] = Math.max(widths[i], line.get(i).length());
        var out = new StringBuilder();
        for (int l = 0; l < cells.size(); l++) {
            var line = cells.get(l);
            for (int i = 0; i < line.size(); i++) {
                var cell = line.get(i);
                boolean number = i >= 2 && i <= 4;
                var padding = " ".repeat(widths[i] - cell.length());
                out.append(number ? padding + cell : cell + padding);
                out.append(i + 1 < line.size() ? "  " : "");
            }
            out.append(System.lineSeparator());
            if (l == 0) {
                for (int i = 0; i < widths.length; i++) out.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "  " : "");
                out.append(System.lineSeparator());
            }
        }
        var notes = rows.stream().filter(r -> !r.note().isEmpty()).map(r -> "  " + r.id() + ": " + r.note()).toList();
        if (!notes.isEmpty()) out.append(System.lineSeparator()).append(String.join(System.lineSeparator(), notes))
                .append(System.lineSeparator());
        return out.toString();
    }

    public static String markdown(List<Row> rows) {
        var out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|---|---|---:|---:|---:|---|---|\n");
        for (var line : cells(rows).subList(1, rows.size() + 1)) {
            var escaped = line.stream().map(cell -> cell.replace("|", "\\|")).toList();
            out.append("| ").append(String.join(" | ", escaped)).append(" |\n");
        }
        return out.toString();
    }

    private static List<List<String>> cells(List<Row> rows) {
        var cells = new ArrayList<List<String>>();
        cells.add(HEADER);
        for (var row : rows)
            cells.add(List.of(row.id(), row.what(), row.result().toString(), row.floorText(), row.ratioText(),
                    row.target().toString(), row.metText()));
        return cells;
    }
}
