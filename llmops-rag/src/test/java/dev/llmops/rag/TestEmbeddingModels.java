package dev.llmops.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test embedding models for tests outside this package. */
public final class TestEmbeddingModels {

    private TestEmbeddingModels() {
    }

    /** The hashing bag-of-words model, counting embedded texts into {@code counter}. */
    public static EmbeddingModel counting(AtomicInteger counter) {
        HashingEmbeddingModel delegate = new HashingEmbeddingModel();
        return new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                counter.addAndGet(segments.size());
                return delegate.embedAll(segments);
            }

            @Override
            public int dimension() {
                return delegate.dimension();
            }

            @Override
            public String modelName() {
                return delegate.modelName();
            }
        };
    }
}
