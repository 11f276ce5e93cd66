package dev.llmops.eval.internal;

import dev.llmops.api.LoadException;
import dev.llmops.eval.EvalCase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a CSV case file (RFC 4180: comma separated, double quotes, {@code ""} for a quote, quoted
 * fields may span lines). The header names the columns: {@code __id}, {@code __description},
 * {@code __expected}, {@code __context} (passages separated by {@code ||}) and {@code __relevantIds}
 * (comma separated) are special; every other column is a variable. Thread-safe.
 */
public final class CsvCases {

    private CsvCases() {
    }

    /** One parsed record with the line it starts on. */
    record Row(int line, List<String> fields) {
    }

    public static List<EvalCase> read(Path file) {
        String source = file.toString();
        List<Row> rows = parse(SuiteJson.read(file), source);
        if (rows.isEmpty()) {
            throw new LoadException(source, 1, null, "missing header row");
        }
        List<String> header = rows.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip();
            if (h.isEmpty()) {
                throw new LoadException(source, rows.get(0).line(), "column " + (i + 1), "empty column name");
            }
            if (h.startsWith("__") && !List.of("__id", "__description", "__expected", "__context", "__relevantIds")
                    .contains(h)) {
                throw new LoadException(source, rows.get(0).line(), h, "unknown special column; expected one of "
                        + "__id, __description, __expected, __context, __relevantIds");
            }
            if (header.subList(0, i).stream().map(String::strip).anyMatch(h::equals)) {
                throw new LoadException(source, rows.get(0).line(), h, "duplicate column");
            }
        }
        String stem = SuiteJson.stem(file);
        List<EvalCase> out = new ArrayList<>();
        for (Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() == 1 && row.fields().get(0).isEmpty()) {
                continue;
            }
            if (row.fields().size() != header.size()) {
                throw new LoadException(source, row.line(), null, "expected " + header.size() + " columns but found "
                        + row.fields().size());
            }
            String id = stem + "-" + row.line();
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).strip().equals("__id") && !row.fields().get(i).isBlank()) {
                    id = row.fields().get(i).strip();
                }
            }
            EvalCase.Builder b = EvalCase.builder(id);
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).strip();
                String v = row.fields().get(i);
                switch (h) {
                    case "__id" -> { }
                    case "__description" -> b.description(v);
                    case "__expected" -> {
                        if (!v.isEmpty()) {
                            b.expected(v);
                        }
                    }
                    case "__context" -> b.context(v.isBlank() ? List.of()
                            : Arrays.stream(v.split("\\|\\|")).map(String::strip).toList());
                    case "__relevantIds" -> b.relevantIds(v.isBlank() ? List.of()
                            : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
                    default -> b.var(h, v);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    static List<Row> parse(String text, String source) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowStart = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        if (text.startsWith("\uFEFF")) {
            i = 1;
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new LoadException(source, line, "column " + (fields.size() + 1),
                            "quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                rows.add(new Row(rowStart, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                wasQuoted = false;
                line++;
                rowStart = line;
            } else {
                if (wasQuoted) {
                    throw new LoadException(source, line, "column " + (fields.size() + 1),
                            "text after a closing quote");
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw new LoadException(source, rowStart, "column " + (fields.size() + 1), "unterminated quoted field");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            rows.add(new Row(rowStart, List.copyOf(fields)));
        }
        return rows;
    }
}
