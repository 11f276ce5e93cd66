package dev.llmops.examples;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.llmops.api.guard.Guard;
import dev.llmops.guard.Guards;

import java.io.PrintStream;

/**
 * The expensive, shareable parts of the examples: the in-process BGE embedding model (for retrieval) and the
 * default prompt-injection guard. The guard runs its own single-threaded session of the same BGE weights and
 * reads the reference vectors shipped with the guard module, so preparing it costs the model load and the
 * probe fits (about 20 s) instead of embedding its 3,620 reference texts (about a minute); a guard built with
 * {@code Guards.promptInjection(embeddings)} would embed them. Load once per process and pass to every example
 * that needs them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param embeddings      BGE small en v1.5 (quantised), in-process
 * @param injectionGuard  {@code Guards.promptInjection()}, warmed up
 */
record AssistantParts(EmbeddingModel embeddings, Guard injectionGuard) {

    /** Loads the embedding model and prepares the injection guard, printing progress to {@code out}. */
    static AssistantParts load(PrintStream out) {
        out.println("Loading the in-process embedding model (BGE small en v1.5, quantised)...");
        EmbeddingModel embeddings = new BgeSmallEnV15QuantizedEmbeddingModel();
        out.println("Preparing the prompt-injection guard (shipped reference vectors, fits its classifier once)...");
        long start = System.nanoTime();
        Guard injection = Guards.promptInjection();
        injection.check("Where is my parcel?");
        out.printf("  ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        return new AssistantParts(embeddings, injection);
    }
}
