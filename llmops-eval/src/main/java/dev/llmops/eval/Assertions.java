package dev.llmops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.GuardStage;
import dev.llmops.api.model.Generation;
import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.eval.internal.JsonText;
import dev.llmops.eval.internal.TextMetrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Factories for the deterministic and embedding-based assertions. Model-graded ones live in
 * {@link ModelGradedAssertions}.
 *
 * <pre>{@code
 * Assertions.contains("Paris").evaluate(AssertionContext.of("Paris, France"));          // PASS
 * Assertions.rougeL("the cat is on the mat", 0.9).evaluate(AssertionContext.of("the cat sat on the mat"));
 *                                                     // FAIL: ROUGE-L 0.8333 < threshold 0.9000
 * }</pre>
 *
 * <p>Every returned assertion is immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Assertions {

    /** Default threshold of {@code similar}. */
    public static final double DEFAULT_SIMILARITY_THRESHOLD = 0.75;
    /** Default threshold of {@code rouge-n} and {@code rouge-l}. */
    public static final double DEFAULT_ROUGE_THRESHOLD = 0.75;
    /** Default threshold of {@code bleu}. */
    public static final double DEFAULT_BLEU_THRESHOLD = 0.5;
    /** Default threshold of {@code levenshtein} (normalised similarity). */
    public static final double DEFAULT_LEVENSHTEIN_THRESHOLD = 0.8;

    private static final List<Pattern> REFUSALS = List.of(
            "\\bI(?:'m| am) (?:sorry|unable|not able)\\b",
            "\\bI (?:can(?:no|')t|cannot|won't|will not|must decline)\\b",
            "\\bas an AI\\b",
            "\\b(?:can(?:no|')t|cannot|unable to) (?:help|assist|comply|provide)\\b",
            "\\bI (?:do not|don't) (?:have|know)\\b").stream()
            .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private Assertions() {
    }

    /** The output equals {@code expected} exactly. */
    public static Assertion equalsTo(String expected) {
        Objects.requireNonNull(expected, "expected");
        return ctx -> AssertionResult.of(ctx.output().equals(expected),
                ctx.output().equals(expected) ? "output equals expected" : "expected " + quote(expected) + " but was "
                        + quote(ctx.output()));
    }

    /** The output contains {@code text} (case-sensitive). */
    public static Assertion contains(String text) {
        Objects.requireNonNull(text, "text");
        return ctx -> AssertionResult.of(ctx.output().contains(text),
                (ctx.output().contains(text) ? "contains " : "does not contain ") + quote(text));
    }

    /** The output contains {@code text}, ignoring case. */
    public static Assertion icontains(String text) {
        Objects.requireNonNull(text, "text");
        String needle = text.toLowerCase(Locale.ROOT);
        return ctx -> {
            boolean ok = ctx.output().toLowerCase(Locale.ROOT).contains(needle);
            return AssertionResult.of(ok, (ok ? "contains (ignoring case) " : "does not contain (ignoring case) ")
                    + quote(text));
        };
    }

    /** The output contains at least one of the texts. */
    public static Assertion containsAny(List<String> texts) {
        List<String> all = nonEmpty(texts, "texts");
        return ctx -> {
            List<String> found = all.stream().filter(ctx.output()::contains).toList();
            return AssertionResult.of(!found.isEmpty(), found.isEmpty() ? "contains none of " + all
                    : "contains " + found);
        };
    }

    /** The output contains every text; the score is the fraction found. */
    public static Assertion containsAll(List<String> texts) {
        List<String> all = nonEmpty(texts, "texts");
        return ctx -> {
            List<String> missing = all.stream().filter(t -> !ctx.output().contains(t)).toList();
            double score = 1.0 - (double) missing.size() / all.size();
            return missing.isEmpty() ? AssertionResult.pass(1.0, "contains all of " + all)
                    : AssertionResult.fail(score, "missing " + missing);
        };
    }

    /** The output starts with {@code prefix}. */
    public static Assertion startsWith(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return ctx -> AssertionResult.of(ctx.output().startsWith(prefix),
                (ctx.output().startsWith(prefix) ? "starts with " : "does not start with ") + quote(prefix));
    }

    /**
     * The regular expression (Java syntax) matches somewhere in the output.
     *
     * @throws java.util.regex.PatternSyntaxException when the pattern is invalid
     */
    public static Assertion regex(String pattern) {
        Pattern p = Pattern.compile(Objects.requireNonNull(pattern, "pattern"));
        return ctx -> {
            boolean found = p.matcher(ctx.output()).find();
            return AssertionResult.of(found, (found ? "matches /" : "does not match /") + pattern + "/");
        };
    }

    /** The whole output is valid JSON. */
    public static Assertion isJson() {
        return ctx -> JsonText.parseWhole(ctx.output()).map(n -> AssertionResult.pass(1.0, "output is valid JSON"))
                .orElseGet(() -> AssertionResult.fail(0.0, "output is not valid JSON: " + abbreviate(ctx.output())));
    }

    /**
     * The whole output is valid JSON matching this JSON Schema (draft 2020-12 unless {@code $schema} says
     * otherwise).
     */
    public static Assertion isJson(JsonNode schema) {
        JsonSchema s = schema(schema);
        return ctx -> JsonText.parseWhole(ctx.output()).map(n -> validate(s, n))
                .orElseGet(() -> AssertionResult.fail(0.0, "output is not valid JSON: " + abbreviate(ctx.output())));
    }

    /** The output contains a JSON object or array (anywhere, e.g. inside a code fence). */
    public static Assertion containsJson() {
        return ctx -> JsonText.findEmbedded(ctx.output()).map(n -> AssertionResult.pass(1.0, "contains JSON"))
                .orElseGet(() -> AssertionResult.fail(0.0, "no JSON object or array found in output"));
    }

    /** The output contains a JSON object or array that matches this JSON Schema. */
    public static Assertion containsJson(JsonNode schema) {
        JsonSchema s = schema(schema);
        return ctx -> JsonText.findEmbedded(ctx.output()).map(n -> validate(s, n))
                .orElseGet(() -> AssertionResult.fail(0.0, "no JSON object or array found in output"));
    }

    /**
     * The JSON in the output (whole, else the first embedded object or array) has {@code expected} at
     * {@code path}. The path is a JSON Pointer ({@code /items/0/name}) or a dotted path
     * ({@code items[0].name}, {@code $.items.0.name}). Numbers compare by value; a text expected value
     * compares with the found scalar's text.
     */
    public static Assertion jsonPath(String path, JsonNode expected) {
        String pointer = JsonText.toPointer(Objects.requireNonNull(path, "path"));
        Objects.requireNonNull(expected, "expected");
        return ctx -> {
            Optional<JsonNode> json = JsonText.findEmbedded(ctx.output()).or(() -> JsonText.parseWhole(ctx.output()));
            if (json.isEmpty()) {
                return AssertionResult.fail(0.0, "output contains no JSON");
            }
            JsonNode found = json.get().at(pointer);
            if (found.isMissingNode()) {
                return AssertionResult.fail(0.0, "no value at " + path + " (pointer " + pointer + ")");
            }
            boolean ok = JsonText.sameValue(found, expected);
            return AssertionResult.of(ok, path + (ok ? " equals " : " expected " + expected + " but was ") + found);
        };
    }

    /** The output length in characters is within [min, max]; use 0 / {@code Integer.MAX_VALUE} for open ends. */
    public static Assertion length(int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("length bounds must satisfy 0 <= min <= max but were: min=" + min
                    + ", max=" + max);
        }
        return ctx -> {
            int len = ctx.output().length();
            boolean ok = len >= min && len <= max;
            return AssertionResult.of(ok, "length " + len + (ok ? " within " : " outside ") + "[" + min + ", "
                    + (max == Integer.MAX_VALUE ? "inf" : String.valueOf(max)) + "]");
        };
    }

    /**
     * The output is a refusal ("I'm sorry, I can't...", "As an AI...", "I cannot help with..."). Use
     * {@code not-is-refusal} to require an answer.
     */
    public static Assertion isRefusal() {
        return ctx -> {
            for (Pattern p : REFUSALS) {
                var m = p.matcher(ctx.output());
                if (m.find()) {
                    return AssertionResult.pass(1.0, "refusal phrase " + quote(m.group()));
                }
            }
            return AssertionResult.fail(0.0, "no refusal phrase found");
        };
    }

    /** Normalised Levenshtein similarity ({@code 1 - distance / max length}) to {@code reference} >= threshold. */
    public static Assertion levenshtein(String reference, double threshold) {
        Objects.requireNonNull(reference, "reference");
        checkUnit(threshold);
        return ctx -> {
            int d = TextMetrics.levenshtein(ctx.output(), reference);
            return AssertionResult.scored(TextMetrics.levenshteinSimilarity(ctx.output(), reference), threshold,
                    "Levenshtein distance " + d + ", similarity");
        };
    }

    /** ROUGE-N F1 of order {@code n} against {@code reference} >= threshold. */
    public static Assertion rougeN(String reference, int n, double threshold) {
        Objects.requireNonNull(reference, "reference");
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0 but was: " + n);
        }
        checkUnit(threshold);
        return ctx -> scoredOrError(TextMetrics.rougeN(ctx.output(), reference, n), threshold, "ROUGE-" + n,
                "reference has no " + n + "-gram");
    }

    /** ROUGE-L F1 against {@code reference} >= threshold. */
    public static Assertion rougeL(String reference, double threshold) {
        Objects.requireNonNull(reference, "reference");
        checkUnit(threshold);
        return ctx -> scoredOrError(TextMetrics.rougeL(ctx.output(), reference), threshold, "ROUGE-L",
                "reference has no tokens");
    }

    /** Sentence BLEU-4 (add-one smoothing for orders 2 to 4) against the references >= threshold. */
    public static Assertion bleu(List<String> references, double threshold) {
        List<String> refs = nonEmpty(references, "references");
        checkUnit(threshold);
        return ctx -> scoredOrError(TextMetrics.bleu(ctx.output(), refs), threshold, "BLEU",
                "references have no tokens");
    }

    /** The model call took at most {@code max}; an error when the target reported no {@link Generation}. */
    public static Assertion latency(Duration max) {
        Objects.requireNonNull(max, "max");
        return ctx -> withGeneration(ctx, "latency", g -> AssertionResult.of(g.latency().compareTo(max) <= 0,
                "latency " + g.latency().toMillis() + " ms, ceiling " + max.toMillis() + " ms"));
    }

    /** The model call cost at most {@code maxUsd}; an error when the cost is unknown. */
    public static Assertion cost(double maxUsd) {
        if (!(maxUsd >= 0)) {
            throw new IllegalArgumentException("maxUsd must be >= 0 but was: " + maxUsd);
        }
        return ctx -> withGeneration(ctx, "cost", g -> g.cost()
                .map(c -> AssertionResult.of(c.totalUsd() <= maxUsd,
                        String.format(Locale.ROOT, "cost $%.6f, ceiling $%.6f", c.totalUsd(), maxUsd)))
                .orElseGet(() -> AssertionResult.error("cost unknown: model '" + g.model() + "' has no price")));
    }

    /** The model call used at most {@code maxTokens} tokens (input plus output). */
    public static Assertion tokens(int maxTokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0 but was: " + maxTokens);
        }
        return ctx -> withGeneration(ctx, "tokens", g -> AssertionResult.of(g.usage().totalTokens() <= maxTokens,
                "tokens " + g.usage().totalTokens() + (g.usage().estimated() ? " (estimated)" : "") + ", ceiling "
                        + maxTokens));
    }

    /**
     * The guard passes the output (verdict PASS or PASS_WITH_REWRITE). The guard sees an output-stage
     * context with the case's question and context passages (as chunks {@code context-0, context-1...}).
     */
    public static Assertion guard(Guard guard) {
        Objects.requireNonNull(guard, "guard");
        return ctx -> {
            List<ScoredChunk> chunks = new ArrayList<>();
            List<String> passages = ctx.testCase().context();
            for (int i = 0; i < passages.size(); i++) {
                chunks.add(new ScoredChunk(Chunk.of("context-" + i, "context-" + i, passages.get(i)), 1.0));
            }
            GuardContext.Builder gc = GuardContext.builder(GuardStage.OUTPUT).retrieved(chunks);
            ctx.testCase().question().ifPresent(gc::userInput);
            GuardResult r = guard.check(ctx.output(), gc.build());
            return AssertionResult.of(r.passed(), "guard '" + guard.name() + "' verdict " + r.verdict()
                    + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        };
    }

    /** A named Java predicate on the output text. */
    public static Assertion predicate(String name, Predicate<String> predicate) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(predicate, "predicate");
        return ctx -> {
            boolean held = predicate.test(ctx.output());
            return AssertionResult.of(held, "predicate '" + name + "' " + (held ? "held" : "did not hold"));
        };
    }

    /**
     * Cosine similarity between the output's embedding and the closest reference's is at least
     * {@code threshold}; negative cosines score 0.
     */
    public static Assertion similar(List<String> references, double threshold, EmbeddingModel embeddings) {
        List<String> refs = nonEmpty(references, "references");
        checkUnit(threshold);
        Objects.requireNonNull(embeddings, "embeddings");
        return ctx -> {
            if (ctx.output().isBlank()) {
                return AssertionResult.fail(0.0, "output is blank");
            }
            Embedding out = embeddings.embed(ctx.output()).content();
            double best = -1;
            for (String r : refs) {
                best = Math.max(best, cosine(out.vector(), embeddings.embed(r).content().vector()));
            }
            if (Double.isNaN(best)) {
                return AssertionResult.error("cosine similarity undefined (zero-length embedding)");
            }
            return AssertionResult.scored(Math.max(0.0, best), threshold, "cosine similarity");
        };
    }

    /** Cosine similarity of two vectors; NaN when either has zero length. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors must have the same dimension but were: " + a.length + " and "
                    + b.length);
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / (Math.sqrt(na) * Math.sqrt(nb));
    }

    private static JsonSchema schema(JsonNode schema) {
        Objects.requireNonNull(schema, "schema");
        if (!schema.isObject() && !schema.isBoolean()) {
            throw new IllegalArgumentException("schema must be a JSON object but was: " + schema);
        }
        return SCHEMAS.getSchema(schema);
    }

    private static AssertionResult validate(JsonSchema schema, JsonNode node) {
        Set<ValidationMessage> errors = schema.validate(node);
        return errors.isEmpty() ? AssertionResult.pass(1.0, "JSON matches the schema")
                : AssertionResult.fail(0.0, "JSON does not match the schema: "
                        + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
    }

    private static AssertionResult withGeneration(AssertionContext ctx, String what,
                                                  java.util.function.Function<Generation, AssertionResult> check) {
        return ctx.generation().map(check).orElseGet(() -> AssertionResult.error(what
                + " unknown: the target reported no model call (return EvalOutput.of(generation))"));
    }

    private static AssertionResult scoredOrError(OptionalDouble score, double threshold, String metric,
                                                 String whyMissing) {
        return score.isPresent() ? AssertionResult.scored(score.getAsDouble(), threshold, metric)
                : AssertionResult.error(metric + " not computable: " + whyMissing);
    }

    static void checkUnit(double threshold) {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be in [0, 1] but was: " + threshold);
        }
    }

    private static List<String> nonEmpty(List<String> texts, String name) {
        Objects.requireNonNull(texts, name);
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < texts.size(); i++) {
            Objects.requireNonNull(texts.get(i), name + "[" + i + "]");
        }
        return List.copyOf(texts);
    }

    static String quote(String s) {
        return "'" + abbreviate(s) + "'";
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
