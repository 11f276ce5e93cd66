package dev.llmops.examples;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.llmops.api.cache.InMemoryResponseCache;
import dev.llmops.api.model.Generation;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.trace.JsonlTraceSink;
import dev.llmops.api.trace.Tracer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The first program to run: a gateway over a chat model (the offline stand-in unless an endpoint is
 * configured), one question with some context, and what the gateway measured: answer, usage, cost,
 * latency, and where the trace went.
 *
 * <pre>mvn -q -pl examples -am compile exec:java</pre>
 */
public final class Quickstart {

    static final String CONTEXT = """
            [returns] You can return most items within 30 days of delivery for a full refund.
            Refunds reach your original payment method 5 to 10 business days after we receive the return.

            [shipping] Standard shipping takes 2 to 4 business days in the EU and is free from EUR 50.
            """;

    static final String QUESTION = "How long do I have to return an item?";

    private Quickstart() {
    }

    public static void main(String[] args) {
        Path workdir = Path.of(System.getProperty("llmops.workdir", "target/llmops"));
        run(ExampleModels.fromEnv(), workdir, System.out);
    }

    /** Runs the quickstart and returns the generation; prints to {@code out}. */
    static Generation run(ExampleModels models, Path workdir, PrintStream out) {
        out.println(models.banner());
        Path traceFile = workdir.resolve("traces").resolve("quickstart.jsonl");
        try (JsonlTraceSink sink = JsonlTraceSink.open(traceFile)) {
            // --- the quickstart, as in README.md ---
            Tracer tracer = Tracer.of(sink);
            LanguageModel model = LanguageModel.of(models.chatModel())
                    .withRetries(3)
                    .withTimeout(Duration.ofSeconds(30))
                    .withCache(InMemoryResponseCache.create(1_000, Duration.ofHours(1)))
                    .withTracer(tracer);

            Generation answer = model.generate(List.of(
                    SystemMessage.from("Answer from the context only and cite the source in brackets."),
                    UserMessage.from("Context:\n" + CONTEXT + "\nQuestion: " + QUESTION)));

            tracer.feedback(answer.traceId(), 1.0, "helpful");
            // --- end of the quickstart ---

            out.println();
            out.println("Q: " + QUESTION);
            out.println("A: " + answer.text());
            out.println();
            out.printf("model    %s%n", answer.model());
            out.printf("usage    %d input + %d output tokens%s%n", answer.usage().inputTokens(),
                    answer.usage().outputTokens(), answer.usage().estimated() ? " (estimated)" : "");
            out.printf("cost     %s%n", answer.cost().map(c -> String.format("$%.6f", c.totalUsd()))
                    .orElse("unknown (no price for this model)"));
            out.printf("latency  %d ms (attempts: %d, cache hit: %s)%n", answer.latency().toMillis(),
                    answer.attempts(), answer.cacheHit());
            out.printf("trace    %s -> %s%n", answer.traceId(), traceFile.toAbsolutePath());
            return answer;
        }
    }
}
