package dev.llmops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.Verdict;
import dev.llmops.api.model.Cost;
import dev.llmops.api.model.Generation;
import dev.llmops.api.model.Usage;
import dev.llmops.eval.internal.TextMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AssertionsTest {

    private static AssertionResult eval(Assertion a, String output) {
        return a.evaluate(AssertionContext.of(output));
    }

    private static void passes(Assertion a, String output) {
        AssertionResult r = eval(a, output);
        assertThat(r.status()).as(r.reason()).isEqualTo(AssertionStatus.PASS);
    }

    private static void fails(Assertion a, String output) {
        AssertionResult r = eval(a, output);
        assertThat(r.status()).as(r.reason()).isEqualTo(AssertionStatus.FAIL);
        assertThat(r.score()).isPresent();
    }

    @Test
    void should_pass_and_fail_string_assertions() {
        passes(Assertions.equalsTo("Paris"), "Paris");
        fails(Assertions.equalsTo("Paris"), "paris");
        passes(Assertions.contains("Paris"), "It is Paris.");
        fails(Assertions.contains("Paris"), "It is paris.");
        passes(Assertions.icontains("PARIS"), "It is paris.");
        fails(Assertions.icontains("Rome"), "It is paris.");
        passes(Assertions.containsAny(List.of("Rome", "Roma")), "Roma!");
        fails(Assertions.containsAny(List.of("Rome", "Roma")), "Milan");
        passes(Assertions.containsAll(List.of("a", "b")), "a b");
        AssertionResult partial = eval(Assertions.containsAll(List.of("a", "b", "c", "d")), "a b");
        assertThat(partial.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(partial.score()).hasValue(0.5);
        passes(Assertions.startsWith("Yes"), "Yes, indeed");
        fails(Assertions.startsWith("Yes"), "No. Yes");
        passes(Assertions.regex("\\d{3}-\\d{4}"), "call 555-1234 now");
        fails(Assertions.regex("^\\d+$"), "12a");
        passes(Assertions.length(2, 5), "abcd");
        fails(Assertions.length(2, 5), "abcdef");
        fails(Assertions.length(2, 5), "a");
        passes(Assertions.isRefusal(), "I'm sorry, but I can't help with that.");
        passes(Assertions.isRefusal(), "As an AI language model, I cannot do that");
        fails(Assertions.isRefusal(), "The capital of France is Paris.");
        passes(Assertions.predicate("even-length", s -> s.length() % 2 == 0), "ab");
        fails(Assertions.predicate("even-length", s -> s.length() % 2 == 0), "abc");
    }

    @Test
    void should_check_json_schema_and_path() throws Exception {
        JsonNode schema = new ObjectMapper().readTree("""
                {"type": "object", "required": ["answer", "confidence"],
                 "properties": {"answer": {"type": "string"}, "confidence": {"type": "number", "maximum": 1}}}""");
        passes(Assertions.isJson(), "{\"a\": 1}");
        passes(Assertions.isJson(), " [1, 2] ");
        fails(Assertions.isJson(), "Here: {\"a\": 1}");
        fails(Assertions.isJson(), "{\"a\": 1} trailing");
        passes(Assertions.containsJson(), "Here you go:\n```json\n{\"a\": {\"b\": [1, 2]}}\n```");
        fails(Assertions.containsJson(), "no json {here");
        passes(Assertions.containsJson(schema), "Result: {\"answer\": \"Paris\", \"confidence\": 0.9}.");
        AssertionResult bad = eval(Assertions.containsJson(schema), "{\"answer\": \"Paris\", \"confidence\": 3}");
        assertThat(bad.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(bad.reason()).contains("confidence");
        fails(Assertions.isJson(schema), "{\"answer\": 1, \"confidence\": 0.5}");

        String doc = "{\"answer\": {\"items\": [{\"name\": \"x\", \"n\": 2.0}]}}";
        passes(Assertions.jsonPath("answer.items[0].name", TextNode.valueOf("x")), doc);
        passes(Assertions.jsonPath("/answer/items/0/n", IntNode.valueOf(2)), doc);
        passes(Assertions.jsonPath("$.answer.items.0.n", IntNode.valueOf(2)), doc);
        fails(Assertions.jsonPath("answer.items[0].name", TextNode.valueOf("y")), doc);
        fails(Assertions.jsonPath("answer.missing", TextNode.valueOf("y")), doc);
        fails(Assertions.jsonPath("a", TextNode.valueOf("y")), "not json");
    }

    @Test
    void should_match_hand_computed_levenshtein() {
        // kitten -> sitting: substitute k->s, substitute e->i, insert g = 3 edits; max length 7;
        // similarity = 1 - 3/7 = 0.571428...
        assertThat(TextMetrics.levenshtein("kitten", "sitting")).isEqualTo(3);
        AssertionResult r = eval(Assertions.levenshtein("sitting", 0.5), "kitten");
        assertThat(r.score().getAsDouble()).isCloseTo(4.0 / 7.0, within(1e-9));
        assertThat(r.passed()).isTrue();
        fails(Assertions.levenshtein("sitting", 0.6), "kitten");
        assertThat(TextMetrics.levenshteinSimilarity("", "")).isEqualTo(1.0);
    }

    @Test
    void should_match_hand_computed_rouge() {
        // candidate "the cat sat on the mat", reference "the cat is on the mat" (6 tokens each).
        // unigrams: candidate {the:2, cat, sat, on, mat}, reference {the:2, cat, is, on, mat};
        // clipped overlap = 2 + 1 + 1 + 1 = 5 -> P = R = 5/6 -> ROUGE-1 F1 = 5/6 = 0.8333.
        // bigrams: candidate {the cat, cat sat, sat on, on the, the mat}, reference {the cat, cat is,
        // is on, on the, the mat}; overlap 3 of 5 each -> ROUGE-2 F1 = 0.6.
        // LCS = "the cat on the mat" = 5 -> ROUGE-L F1 = 5/6.
        String c = "the cat sat on the mat";
        String ref = "the cat is on the mat";
        assertThat(TextMetrics.rougeN(c, ref, 1).getAsDouble()).isCloseTo(5.0 / 6.0, within(1e-9));
        assertThat(TextMetrics.rougeN(c, ref, 2).getAsDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(TextMetrics.rougeL(c, ref).getAsDouble()).isCloseTo(5.0 / 6.0, within(1e-9));
        passes(Assertions.rougeN(ref, 2, 0.6), c);
        fails(Assertions.rougeN(ref, 2, 0.61), c);
        passes(Assertions.rougeL(ref, 0.8), c);
        fails(Assertions.rougeL(ref, 0.9), c);
        // an empty reference makes the score not computable: an error, never NaN
        AssertionResult err = eval(Assertions.rougeL("  ", 0.5), c);
        assertThat(err.status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(err.score()).isEmpty();
    }

    @Test
    void should_match_hand_computed_bleu() {
        // Same pair. p1 = 5/6. Smoothed (m+1)/(t+1): bigrams 3 of 5 -> 4/6; trigrams: only "on the mat"
        // matches, 1 of 4 -> 2/5; 4-grams: 0 of 3 -> 1/4. Lengths equal -> BP = 1.
        // BLEU = (5/6 * 4/6 * 2/5 * 1/4)^(1/4) = (1/18)^(1/4) = 0.485492...
        double expected = Math.pow(1.0 / 18.0, 0.25);
        assertThat(TextMetrics.bleu("the cat sat on the mat", List.of("the cat is on the mat")).getAsDouble())
                .isCloseTo(expected, within(1e-9));
        assertThat(expected).isCloseTo(0.4855, within(1e-4));
        // Brevity: candidate "the cat" (2 tokens) vs reference of 6: p1 = 1, p2 = (1+1)/(1+1) = 1,
        // p3 = p4 = (0+1)/(0+1) = 1, BP = exp(1 - 6/2) = exp(-2) = 0.135335.
        assertThat(TextMetrics.bleu("the cat", List.of("the cat is on the mat")).getAsDouble())
                .isCloseTo(Math.exp(-2), within(1e-9));
        passes(Assertions.bleu(List.of("the cat is on the mat"), 0.48), "the cat sat on the mat");
        fails(Assertions.bleu(List.of("the cat is on the mat"), 0.49), "the cat sat on the mat");
        assertThat(TextMetrics.bleu("dogs bark", List.of("the cat")).getAsDouble()).isZero();
    }

    @Test
    void should_check_latency_cost_and_token_ceilings_from_generation() {
        Generation g = Generation.builder().text("hi").model("m").usage(new Usage(100, 20, false))
                .cost(new Cost(0.001, 0.002)).latency(Duration.ofMillis(300)).traceId("t").build();
        EvalCase c = EvalCase.builder("c").build();
        AssertionContext ctx = AssertionContext.of(g, c);
        assertThat(Assertions.latency(Duration.ofMillis(300)).evaluate(ctx).passed()).isTrue();
        assertThat(Assertions.latency(Duration.ofMillis(299)).evaluate(ctx).passed()).isFalse();
        assertThat(Assertions.cost(0.003).evaluate(ctx).passed()).isTrue();
        assertThat(Assertions.cost(0.0029).evaluate(ctx).passed()).isFalse();
        assertThat(Assertions.tokens(120).evaluate(ctx).passed()).isTrue();
        assertThat(Assertions.tokens(119).evaluate(ctx).passed()).isFalse();
        AssertionResult noGen = Assertions.latency(Duration.ofSeconds(1)).evaluate(AssertionContext.of("x"));
        assertThat(noGen.status()).isEqualTo(AssertionStatus.ERROR);
        AssertionResult noCost = Assertions.cost(1).evaluate(AssertionContext.of(g.toBuilder().cost(null).build(), c));
        assertThat(noCost.status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(noCost.reason()).contains("has no price");
    }

    @Test
    void should_run_guard_with_case_context() {
        Guard noSecrets = new Guard() {
            @Override
            public String name() {
                return "no-secrets";
            }

            @Override
            public GuardResult check(String text, GuardContext context) {
                boolean bad = text.contains("password") || context.retrieved().isEmpty();
                return GuardResult.builder(name(), text).verdict(bad ? Verdict.BLOCK : Verdict.PASS)
                        .reason(bad ? "secret or no context" : "").build();
            }
        };
        EvalCase withContext = EvalCase.builder("c").context(List.of("doc")).build();
        assertThat(Assertions.guard(noSecrets).evaluate(AssertionContext.of("fine", withContext)).passed()).isTrue();
        AssertionResult blocked = Assertions.guard(noSecrets).evaluate(AssertionContext.of("the password", withContext));
        assertThat(blocked.passed()).isFalse();
        assertThat(blocked.reason()).contains("BLOCK").contains("secret or no context");
        assertThat(Assertions.guard(noSecrets).evaluate(AssertionContext.of("fine")).passed()).isFalse();
    }

    @Test
    void should_score_embedding_similarity_against_closest_reference() {
        WordCountEmbeddingModel emb = new WordCountEmbeddingModel("cat", "dog", "fish");
        // "cat dog" = [1,1,0], "cat" = [1,0,0]: cosine = 1/sqrt(2) = 0.7071
        AssertionResult r = eval(Assertions.similar(List.of("fish", "cat"), 0.7, emb), "cat dog");
        assertThat(r.score().getAsDouble()).isCloseTo(1 / Math.sqrt(2), within(1e-6));
        assertThat(r.passed()).isTrue();
        fails(Assertions.similar(List.of("cat"), 0.75, emb), "cat dog");
        // no vocabulary word: zero vector, cosine undefined -> error, not NaN
        assertThat(eval(Assertions.similar(List.of("cat"), 0.5, emb), "zebra").status())
                .isEqualTo(AssertionStatus.ERROR);
    }

    @Test
    void should_negate_and_name_results_through_specs() {
        var factory = new dev.llmops.eval.internal.AssertionFactory(Optional.empty(), Optional.empty(),
                java.util.Map.of(), java.util.Map.of());
        AssertionResult r = factory.create(AssertionSpec.builder("not-contains").value("AI").metric("no-ai")
                .weight(3).build()).evaluate(AssertionContext.of("As an AI"));
        assertThat(r.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(r.score()).hasValue(0.0);
        assertThat(r.assertion()).isEqualTo("not-contains");
        assertThat(r.metric()).isEqualTo("no-ai");
        assertThat(r.weight()).isEqualTo(3.0);
        AssertionResult thrown = factory.create(AssertionSpec.of((Assertion) ctx -> {
            throw new IllegalStateException("boom");
        })).evaluate(AssertionContext.of("x"));
        assertThat(thrown.status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(thrown.reason()).contains("boom");
        // reference assertions fall back to the case's expected answer
        AssertionResult eq = factory.create(AssertionSpec.builder("equals").build())
                .evaluate(AssertionContext.of("Paris", EvalCase.builder("c").expected("Paris").build()));
        assertThat(eq.passed()).isTrue();
        assertThat(factory.problem(AssertionSpec.builder("faithfulness").build())).get().asString()
                .contains("needs a judge model");
    }

    @Test
    void should_reject_bad_arguments_with_named_messages() {
        assertThatThrownBy(() -> Assertions.rougeL("x", 1.5)).hasMessage("threshold must be in [0, 1] but was: 1.5");
        assertThatThrownBy(() -> Assertions.length(5, 2))
                .hasMessage("length bounds must satisfy 0 <= min <= max but were: min=5, max=2");
        assertThatThrownBy(() -> Assertions.containsAny(List.of())).hasMessage("texts must not be empty");
        assertThatThrownBy(() -> AssertionResult.pass(Double.NaN, "x"))
                .hasMessage("score must be a number but was NaN");
    }
}
