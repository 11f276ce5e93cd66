package dev.llmops.examples;

import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.api.trace.Tracer;
import dev.llmops.prompts.Prompt;
import dev.llmops.prompts.chain.Chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The support assistant's chain, shared by {@link ShopAssistant}, {@link EvalGate} and
 * {@link PromptLifecycle}: input guards ▸ retrieval ▸ prompt ▸ model ▸ parse {@link SupportAnswer} ▸
 * output guards.
 *
 * <p>Immutable and thread-safe if its parts are; every guard verdict of a run goes to the
 * {@link GuardLog} passed to {@link #chain(Prompt, GuardLog)}.
 */
final class SupportPipeline {

    /** Chunks retrieved per question. */
    static final int K = 4;

    private final List<Guard> inputGuards;
    private final Retriever retriever;
    private final LanguageModel model;
    private final List<Guard> outputGuards;
    private final Tracer tracer;

    SupportPipeline(List<Guard> inputGuards, Retriever retriever, LanguageModel model, List<Guard> outputGuards,
                    Tracer tracer) {
        this.inputGuards = List.copyOf(inputGuards);
        this.retriever = retriever;
        this.model = model;
        this.outputGuards = List.copyOf(outputGuards);
        this.tracer = tracer;
    }

    /** The chain answering with {@code prompt}, recording guard verdicts into {@code log}. */
    Chain<String, SupportAnswer> chain(Prompt prompt, GuardLog log) {
        Chain<String, String> c = Chain.of("shop-assistant", String.class);
        for (Guard g : inputGuards) {
            c = c.guard(log.recording(g));
        }
        Chain<String, SupportAnswer> answered = c
                .retrieve(retriever, q -> q, K)
                .prompt(prompt, r -> Map.of("question", r.input(), "context", contextBlocks(r.chunks())))
                .call(model)
                .parse(SupportAnswer.class);
        for (Guard g : outputGuards) {
            answered = answered.guard(log.recording(g), 0);
        }
        return answered.withTracer(tracer);
    }

    /**
     * The retrieved chunks as context blocks, one per page, each starting with its page id in square
     * brackets ({@code [refund-timing] ...}) so the model, and the offline stand-in, can cite it.
     * Chunks of the same page are joined; Markdown headings, bold markers and blank lines are removed
     * so each block is one plain paragraph.
     */
    static String contextBlocks(List<ScoredChunk> chunks) {
        Map<String, StringBuilder> pages = new java.util.LinkedHashMap<>();
        for (ScoredChunk c : chunks) {
            String page = pageId(c);
            String text = c.text().lines().filter(l -> !l.stripLeading().startsWith("#"))
                    .map(l -> l.replace("**", "")).filter(l -> !l.isBlank())
                    .collect(java.util.stream.Collectors.joining("\n"));
            pages.computeIfAbsent(page, p -> new StringBuilder()).append(text).append('\n');
        }
        StringBuilder sb = new StringBuilder();
        pages.forEach((page, text) -> sb.append('[').append(page).append("] ").append(text.toString().strip())
                .append("\n\n"));
        return sb.toString().strip();
    }

    /** The help-centre page a chunk came from. */
    static String pageId(ScoredChunk c) {
        return c.chunk().documentId();
    }

    /** Distinct page ids of some chunks, in rank order. */
    static List<String> pageIds(List<ScoredChunk> chunks) {
        Set<String> ids = new LinkedHashSet<>();
        chunks.forEach(c -> ids.add(pageId(c)));
        return List.copyOf(ids);
    }

    /** The verdicts of one chain run, in the order the guards ran. Thread-safe. */
    static final class GuardLog {
        private final List<GuardResult> results = Collections.synchronizedList(new ArrayList<>());

        Guard recording(Guard guard) {
            return new Guard() {
                @Override
                public String name() {
                    return guard.name();
                }

                @Override
                public GuardResult check(String text, GuardContext context) {
                    GuardResult r = guard.check(text, context);
                    results.add(r);
                    return r;
                }
            };
        }

        List<GuardResult> results() {
            synchronized (results) {
                return List.copyOf(results);
            }
        }
    }
}
