package dev.llmops.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.LoadException;
import dev.llmops.api.internal.AtomicFiles;
import dev.llmops.eval.EvalReport;
import dev.llmops.eval.internal.SuiteJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an {@link EvalReport} as JSON (schema version 1, documented in the module README) and reads a
 * saved one back, e.g. as a baseline.
 *
 * <pre>{@code
 * JsonReport.write(report, Path.of("target/eval/report.json"));
 * EvalReport baseline = JsonReport.read(Path.of("evals/baseline.json"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = LlmOpsJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as pretty-printed JSON. */
    public static String toJson(EvalReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the report atomically (a reader never sees a partial file).
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(EvalReport report, Path file) {
        try {
            AtomicFiles.write(file, toJson(report).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a report from JSON text. */
    public static EvalReport fromJson(String json, String source) {
        try {
            return MAPPER.readValue(json, EvalReport.class);
        } catch (JsonProcessingException e) {
            throw SuiteJson.loadError(source, 0, e);
        }
    }

    /**
     * Reads a saved report.
     *
     * @throws LoadException naming the file, line and field when it is not a valid report
     */
    public static EvalReport read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new LoadException(file.toString(), 0, null, "cannot read: " + e, e);
        }
    }
}
