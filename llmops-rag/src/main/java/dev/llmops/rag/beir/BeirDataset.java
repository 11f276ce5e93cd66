package dev.llmops.rag.beir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.LoadException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A BEIR-format dataset: {@code corpus.jsonl} (or {@code corpus.jsonl.gz}) with {@code _id},
 * {@code title}, {@code text}; {@code queries.jsonl} with {@code _id}, {@code text}; and
 * {@code qrels/<split>.tsv} ({@code query-id corpus-id score}, one header line).
 *
 * <pre>{@code
 * BeirDataset scifact = BeirDataset.load(Path.of("datasets/scifact"), "test");
 * scifact.corpus().size();   // 5183
 * scifact.queries().size();  // 300: only queries judged in the split
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class BeirDataset {

    private final List<BeirDocument> corpus;
    private final Map<String, String> queries;
    private final Qrels qrels;

    private BeirDataset(List<BeirDocument> corpus, Map<String, String> queries, Qrels qrels) {
        this.corpus = List.copyOf(corpus);
        this.queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
        this.qrels = qrels;
    }

    /**
     * Loads a dataset folder and the judgments of one split.
     *
     * @param folder the dataset folder
     * @param split  the qrels file name without {@code .tsv}, e.g. {@code test}
     * @throws LoadException when a file is missing or malformed (names file, line and field)
     */
    public static BeirDataset load(Path folder, String split) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(split, "split");
        Qrels qrels = loadQrels(folder.resolve("qrels").resolve(split + ".tsv"));
        Map<String, String> all = loadQueries(folder.resolve("queries.jsonl"));
        Map<String, String> judged = new LinkedHashMap<>();
        for (String q : qrels.queryIds()) {
            String text = all.get(q);
            if (text == null) {
                throw new LoadException(folder.resolve("qrels").resolve(split + ".tsv").toString(), 0, "query-id",
                        "query '" + q + "' is judged but missing from queries.jsonl");
            }
            judged.put(q, text);
        }
        Path corpus = folder.resolve("corpus.jsonl");
        if (!Files.exists(corpus)) {
            corpus = folder.resolve("corpus.jsonl.gz");
        }
        return new BeirDataset(loadCorpus(corpus), judged, qrels);
    }

    /** Reads a {@code corpus.jsonl} or {@code corpus.jsonl.gz} file. */
    public static List<BeirDocument> loadCorpus(Path file) {
        List<BeirDocument> docs = new ArrayList<>();
        ObjectMapper json = LlmOpsJson.newMapper();
        readLines(file, (line, no) -> {
            JsonNode n = parse(json, file, line, no);
            docs.add(new BeirDocument(required(n, "_id", file, no), optional(n, "title"), required(n, "text", file, no)));
        });
        return docs;
    }

    /** Reads a {@code queries.jsonl} file into query id to text, in file order. */
    public static Map<String, String> loadQueries(Path file) {
        Map<String, String> queries = new LinkedHashMap<>();
        ObjectMapper json = LlmOpsJson.newMapper();
        readLines(file, (line, no) -> {
            JsonNode n = parse(json, file, line, no);
            queries.put(required(n, "_id", file, no), required(n, "text", file, no));
        });
        return queries;
    }

    /** Reads a qrels TSV file ({@code query-id corpus-id score}, optional header line). */
    public static Qrels loadQrels(Path file) {
        Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
        readLines(file, (line, no) -> {
            String[] cols = line.split("\t");
            if (no == 1 && cols.length >= 1 && cols[0].equals("query-id")) {
                return;
            }
            if (cols.length != 3) {
                throw new LoadException(file.toString(), no, null,
                        "expected 3 tab-separated columns (query-id, corpus-id, score) but found " + cols.length);
            }
            int score;
            try {
                score = Integer.parseInt(cols[2].trim());
            } catch (NumberFormatException e) {
                throw new LoadException(file.toString(), no, "score", "expected an integer but was \"" + cols[2] + "\"");
            }
            byQuery.computeIfAbsent(cols[0], q -> new LinkedHashMap<>()).put(cols[1], score);
        });
        return new Qrels(byQuery);
    }

    private interface LineHandler {
        void accept(String line, int lineNumber);
    }

    private static void readLines(Path file, LineHandler handler) {
        if (!Files.isRegularFile(file)) {
            throw new LoadException(file.toString(), 0, null, "file not found");
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (!line.isBlank()) {
                    handler.accept(line, no);
                }
            }
        } catch (IOException e) {
            throw new LoadException(file.toString(), 0, null, "cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(ObjectMapper json, Path file, String line, int no) {
        try {
            JsonNode n = json.readTree(line);
            if (n == null || !n.isObject()) {
                throw new LoadException(file.toString(), no, null, "expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new LoadException(file.toString(), no, null, "malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String required(JsonNode n, String field, Path file, int no) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new LoadException(file.toString(), no, field, "missing or not a string");
        }
        return v.asText();
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** Every corpus document, in file order. */
    public List<BeirDocument> corpus() {
        return corpus;
    }

    /** The queries judged in the loaded split: id to text, in qrels order. */
    public Map<String, String> queries() {
        return queries;
    }

    public Qrels qrels() {
        return qrels;
    }
}
