package dev.llmops.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.guard.Guard;
import dev.llmops.eval.Assertion;
import dev.llmops.eval.AssertionContext;
import dev.llmops.eval.AssertionResult;
import dev.llmops.eval.AssertionSpec;
import dev.llmops.eval.Assertions;
import dev.llmops.eval.ModelGradedAssertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns an {@link AssertionSpec} into an {@link Assertion}, using the runner's bindings (judge,
 * embedding model, guards, custom assertions). Reference-based assertions without a value use the case's
 * expected answer. Immutable and thread-safe.
 */
public final class AssertionFactory {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> GRADED = List.of("llm-rubric", "factuality", "closed-qa", "faithfulness",
            "answer-relevance", "context-precision", "context-recall");

    private final Optional<ModelGradedAssertions> graded;
    private final Optional<EmbeddingModel> embeddings;
    private final Map<String, Guard> guards;
    private final Map<String, Assertion> custom;

    public AssertionFactory(Optional<ModelGradedAssertions> graded, Optional<EmbeddingModel> embeddings,
                            Map<String, Guard> guards, Map<String, Assertion> custom) {
        this.graded = graded;
        this.embeddings = embeddings;
        this.guards = Map.copyOf(guards);
        this.custom = Map.copyOf(custom);
    }

    /** Whether the assertion asks a judge model (for dry-run call counts: faithfulness asks twice). */
    public static int judgeCalls(AssertionSpec spec) {
        return spec.type().equals("faithfulness") ? 2 : GRADED.contains(spec.type()) ? 1 : 0;
    }

    /** What is missing to run this spec; empty when it can run. */
    public Optional<String> problem(AssertionSpec spec) {
        String t = spec.type();
        if (GRADED.contains(t) && graded.isEmpty()) {
            return Optional.of("'" + t + "' needs a judge model (EvalRunner.Builder.judge)");
        }
        if ((t.equals("similar") || t.equals("answer-relevance")) && embeddings.isEmpty()) {
            return Optional.of("'" + t + "' needs an embedding model (EvalRunner.Builder.embeddingModel)");
        }
        if (t.equals("guard") && !guards.containsKey(spec.valueText().orElse(""))) {
            return Optional.of("no guard named '" + spec.valueText().orElse("") + "' bound; bound: "
                    + new java.util.TreeSet<>(guards.keySet()));
        }
        if (t.equals("custom") && spec.assertion().isEmpty() && !custom.containsKey(spec.valueText().orElse(""))) {
            return Optional.of("no custom assertion named '" + spec.valueText().orElse("") + "' bound; bound: "
                    + new java.util.TreeSet<>(custom.keySet()));
        }
        return Optional.empty();
    }

    /** The assertion for a spec, naming its results and applying negation. */
    public Assertion create(AssertionSpec spec) {
        Assertion base = raw(spec);
        return ctx -> {
            AssertionResult r;
            try {
                r = base.evaluate(ctx);
                if (r == null) {
                    r = AssertionResult.error("assertion returned null");
                }
            } catch (RuntimeException e) {
                r = AssertionResult.error("assertion threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            r = r.named(spec.displayType(), spec.metric(), spec.weight());
            return spec.negated() ? r.negated() : r;
        };
    }

    private Assertion raw(AssertionSpec s) {
        String text = s.valueText().orElse("");
        return switch (s.type()) {
            case "equals" -> ref(s, Assertions::equalsTo);
            case "contains" -> Assertions.contains(text);
            case "icontains" -> Assertions.icontains(text);
            case "contains-any" -> Assertions.containsAny(s.valueTexts());
            case "contains-all" -> Assertions.containsAll(s.valueTexts());
            case "starts-with" -> Assertions.startsWith(text);
            case "regex" -> Assertions.regex(text);
            case "is-json" -> schema(s).map(Assertions::isJson).orElseGet(Assertions::isJson);
            case "contains-json" -> schema(s).map(Assertions::containsJson).orElseGet(Assertions::containsJson);
            case "json-path" -> Assertions.jsonPath(s.path().orElseThrow(), s.value());
            case "length" -> Assertions.length(s.min().orElse(0), s.max().orElse(Integer.MAX_VALUE));
            case "is-refusal" -> Assertions.isRefusal();
            case "levenshtein" -> ref(s, r -> Assertions.levenshtein(r,
                    s.thresholdOr(Assertions.DEFAULT_LEVENSHTEIN_THRESHOLD)));
            case "rouge-n" -> ref(s, r -> Assertions.rougeN(r, s.n() == 0 ? 1 : s.n(),
                    s.thresholdOr(Assertions.DEFAULT_ROUGE_THRESHOLD)));
            case "rouge-l" -> ref(s, r -> Assertions.rougeL(r, s.thresholdOr(Assertions.DEFAULT_ROUGE_THRESHOLD)));
            case "bleu" -> refs(s, r -> Assertions.bleu(r, s.thresholdOr(Assertions.DEFAULT_BLEU_THRESHOLD)));
            case "latency" -> Assertions.latency(Duration.ofMillis(s.value().asLong()));
            case "cost" -> Assertions.cost(s.value().asDouble());
            case "tokens" -> Assertions.tokens(s.value().asInt());
            case "guard" -> Assertions.guard(guards.get(text));
            case "custom" -> s.assertion().orElseGet(() -> custom.get(text));
            case "similar" -> refs(s, r -> Assertions.similar(r,
                    s.thresholdOr(Assertions.DEFAULT_SIMILARITY_THRESHOLD), embeddings.orElseThrow()));
            case "llm-rubric" -> graded.orElseThrow().llmRubric(text, s.steps(),
                    s.thresholdOr(ModelGradedAssertions.DEFAULT_RUBRIC_THRESHOLD));
            case "factuality" -> graded.orElseThrow().factuality(s.valueText());
            case "closed-qa" -> graded.orElseThrow().closedQa(text);
            case "faithfulness" -> graded.orElseThrow().faithfulness(
                    s.thresholdOr(ModelGradedAssertions.DEFAULT_RAG_THRESHOLD));
            case "answer-relevance" -> graded.orElseThrow().answerRelevance(embeddings.orElseThrow(),
                    s.n() == 0 ? 3 : s.n(), s.thresholdOr(ModelGradedAssertions.DEFAULT_RAG_THRESHOLD));
            case "context-precision" -> graded.orElseThrow().contextPrecision(
                    s.thresholdOr(ModelGradedAssertions.DEFAULT_RAG_THRESHOLD));
            case "context-recall" -> graded.orElseThrow().contextRecall(
                    s.thresholdOr(ModelGradedAssertions.DEFAULT_RAG_THRESHOLD));
            default -> throw new IllegalArgumentException("unknown assertion type: " + s.type());
        };
    }

    private static Optional<JsonNode> schema(AssertionSpec s) {
        JsonNode v = s.value();
        if (v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (v.isTextual()) {
            try {
                return Optional.of(MAPPER.readTree(v.asText()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("schema of '" + s.displayType() + "' is not valid JSON: "
                        + e.getMessage());
            }
        }
        return Optional.of(v);
    }

    /** A reference-based assertion: the spec's value, else the case's expected answer. */
    private static Assertion ref(AssertionSpec s, Function<String, Assertion> build) {
        Optional<String> v = s.valueText();
        if (v.isPresent()) {
            Assertion a = build.apply(v.get());
            return a;
        }
        return ctx -> ctx.testCase().expected().map(e -> build.apply(e).evaluate(ctx))
                .orElseGet(() -> AssertionResult.error("'" + s.displayType()
                        + "' needs a value or the case's expected answer"));
    }

    private static Assertion refs(AssertionSpec s, Function<List<String>, Assertion> build) {
        List<String> v = s.valueTexts();
        if (!v.isEmpty()) {
            return build.apply(v);
        }
        return (AssertionContext ctx) -> ctx.testCase().expected().map(e -> build.apply(new ArrayList<>(List.of(e)))
                        .evaluate(ctx))
                .orElseGet(() -> AssertionResult.error("'" + s.displayType()
                        + "' needs a value or the case's expected answer"));
    }
}
