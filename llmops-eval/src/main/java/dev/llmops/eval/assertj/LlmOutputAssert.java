package dev.llmops.eval.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.model.Generation;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.eval.Assertion;
import dev.llmops.eval.AssertionContext;
import dev.llmops.eval.AssertionResult;
import dev.llmops.eval.Assertions;
import dev.llmops.eval.EvalCase;
import dev.llmops.eval.ModelGradedAssertions;
import dev.llmops.eval.internal.TextMetrics;
import org.assertj.core.api.AbstractAssert;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Fluent assertions on one LLM output; see {@link LlmAssertions}. Failure messages show the output, the
 * check, the score, the threshold and the reason. Not thread-safe (like every AssertJ assert).
 *
 * @since 0.1.0
 */
public final class LlmOutputAssert extends AbstractAssert<LlmOutputAssert, String> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Generation generation;

    LlmOutputAssert(String actual, Generation generation) {
        super(actual, LlmOutputAssert.class);
        this.generation = generation;
    }

    private AssertionContext context(List<String> passages) {
        return new AssertionContext(actual, Optional.ofNullable(generation),
                EvalCase.builder("assertj").context(passages).build());
    }

    private LlmOutputAssert check(Assertion assertion, String what, List<String> passages, double threshold) {
        isNotNull();
        AssertionResult r = assertion.evaluate(context(passages));
        if (!r.passed()) {
            String score = r.score().isPresent() ? String.format(Locale.ROOT, "%.3f", r.score().getAsDouble())
                    : "not computable";
            failWithMessage("%nExpecting output:%n  %s%nto %s (score %s, threshold %s)%nbut: %s", abbreviate(actual),
                    what, score, threshold < 0 ? "pass" : String.format(Locale.ROOT, "%.3f", threshold), r.reason());
        }
        return myself;
    }

    /** The output contains a JSON object or array (anywhere, e.g. in a code fence). */
    public LlmOutputAssert containsJson() {
        return check(Assertions.containsJson(), "contain JSON", List.of(), -1);
    }

    /** The output's JSON (whole, else the first embedded object or array) matches this JSON Schema text. */
    public LlmOutputAssert satisfiesSchema(String schemaJson) {
        JsonNode schema;
        try {
            schema = MAPPER.readTree(schemaJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("schema is not valid JSON: " + e.getMessage(), e);
        }
        return check(Assertions.containsJson(schema), "satisfy the JSON schema", List.of(), -1);
    }

    /** Cosine similarity of the output and {@code reference} embeddings is at least {@code threshold}. */
    public LlmOutputAssert isSimilarTo(String reference, double threshold, EmbeddingModel embeddings) {
        return check(Assertions.similar(List.of(reference), threshold, embeddings),
                "be similar to:\n  " + abbreviate(reference) + "\n", List.of(), threshold);
    }

    /**
     * Lexical grounding: every sentence of the output is supported by the context, a sentence being
     * supported when at least half of its content words (3 or more letters or digits) occur in the context.
     * For a judged check use {@link #isGroundedIn(List, LanguageModel, double)}.
     */
    public LlmOutputAssert isGroundedIn(List<String> context) {
        return isGroundedIn(context, 1.0);
    }

    /** Lexical grounding with the fraction of sentences that must be supported. */
    public LlmOutputAssert isGroundedIn(List<String> context, double threshold) {
        Set<String> vocabulary = new HashSet<>();
        context.forEach(c -> vocabulary.addAll(TextMetrics.tokens(c)));
        Assertion grounded = ctx -> {
            String[] sentences = ctx.output().split("(?<=[.!?])\\s+");
            int total = 0, supported = 0;
            StringBuilder unsupported = new StringBuilder();
            for (String s : sentences) {
                List<String> words = TextMetrics.tokens(s).stream().filter(w -> w.length() >= 3).toList();
                if (words.isEmpty()) {
                    continue;
                }
                total++;
                long found = words.stream().filter(vocabulary::contains).count();
                if (found * 2 >= words.size()) {
                    supported++;
                } else {
                    unsupported.append(" '").append(s.strip()).append('\'');
                }
            }
            if (total == 0) {
                return AssertionResult.error("the output has no sentence with content words");
            }
            AssertionResult r = AssertionResult.scored((double) supported / total, threshold,
                    supported + "/" + total + " sentences supported by the context;");
            return unsupported.length() == 0 ? r : r.passed() ? r
                    : AssertionResult.fail(r.score().getAsDouble(), r.reason() + " unsupported:" + unsupported);
        };
        return check(grounded, "be grounded in the context", context, threshold);
    }

    /** Judged grounding: Ragas faithfulness of the output against the context, by {@code judge}. */
    public LlmOutputAssert isGroundedIn(List<String> context, LanguageModel judge, double threshold) {
        return check(ModelGradedAssertions.judgedBy(judge).faithfulness(threshold), "be faithful to the context",
                context, threshold);
    }

    /** The output is not a refusal. */
    public LlmOutputAssert isNotRefusal() {
        return check(ctx -> Assertions.isRefusal().evaluate(ctx).negated(), "not be a refusal", List.of(), -1);
    }

    /** The model call took at most {@code max} (needs a {@link Generation}). */
    public LlmOutputAssert hasLatencyAtMost(Duration max) {
        return check(Assertions.latency(max), "have latency at most " + max.toMillis() + " ms", List.of(), -1);
    }

    /** Any assertion from {@link Assertions} or {@link ModelGradedAssertions}, or a lambda. */
    public LlmOutputAssert passes(Assertion assertion) {
        return check(assertion, "pass the assertion", List.of(), -1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
