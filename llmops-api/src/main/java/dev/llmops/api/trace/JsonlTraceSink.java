package dev.llmops.api.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.llmops.api.LlmOpsException;
import dev.llmops.api.LlmOpsJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends one JSON object per line to a file: {@code {"type":"span",...}} for spans and
 * {@code {"type":"feedback",...}} for feedback. Lines from concurrent threads never interleave.
 *
 * <p>Writes are buffered; call {@link #flush()} or {@link #close()} to push them to the file. The
 * file is opened for append, so several runs accumulate in one file.
 *
 * <p><b>Thread safety:</b> thread-safe.
 *
 * @since 0.1.0
 */
public final class JsonlTraceSink implements TraceSink {

    private static final ObjectWriter WRITER = LlmOpsJson.writer();

    private final Path path;
    private final Writer out;
    private boolean closed;

    private JsonlTraceSink(Path path, Writer out) {
        this.path = path;
        this.out = out;
    }

    /**
     * Opens (creating if needed, with parent directories) a JSONL file for append.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static JsonlTraceSink open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Writer w = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), 1 << 16);
            return new JsonlTraceSink(path, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open trace file " + path, e);
        }
    }

    /** The file this sink appends to. */
    public Path path() {
        return path;
    }

    @Override
    public void accept(TraceEvent event) {
        String line = toLine(event);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("trace sink for " + path + " is closed");
            }
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write trace file " + path, e);
            }
        }
    }

    static String toLine(TraceEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", event instanceof SpanData ? "span" : "feedback");
        envelope.put("event", event);
        try {
            return WRITER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new LlmOpsException("cannot serialise trace event " + event.getClass().getSimpleName(), e);
        }
    }

    @Override
    public synchronized void flush() {
        if (closed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush trace file " + path, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close trace file " + path, e);
        }
    }

    @Override
    public String toString() {
        return "JsonlTraceSink[" + path + "]";
    }
}
