package dev.llmops.examples;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.llmops.api.guard.Guard;
import dev.llmops.guard.Guards;

import java.io.PrintStream;

/**
 * The expensive, shareable parts of the examples: the in-process BGE embedding model and the
 * prompt-injection guard over it (which embeds its reference set once, on first use). Load once per
 * process and pass to every example that needs them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param embeddings      BGE small en v1.5 (quantised), in-process
 * @param injectionGuard  {@code Guards.promptInjection(embeddings)}, warmed up
 */
record AssistantParts(EmbeddingModel embeddings, Guard injectionGuard) {

    /** Loads the embedding model and prepares the injection guard, printing progress to {@code out}. */
    static AssistantParts load(PrintStream out) {
        out.println("Loading the in-process embedding model (BGE small en v1.5, quantised)...");
        EmbeddingModel embeddings = new BgeSmallEnV15QuantizedEmbeddingModel();
        out.println("Preparing the prompt-injection guard (embeds its reference set once)...");
        long start = System.nanoTime();
        Guard injection = Guards.promptInjection(embeddings);
        injection.check("Where is my parcel?");
        out.printf("  ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        return new AssistantParts(embeddings, injection);
    }
}
