package dev.llmops.rag;

import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.Span;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;

import java.util.List;
import java.util.function.Supplier;

/** Wraps a retrieval in a {@code RETRIEVAL} span. Stateless. */
final class Tracing {

    private Tracing() {
    }

    static List<ScoredChunk> traced(Tracer tracer, String name, RetrievalQuery query, int k,
                                    Supplier<List<ScoredChunk>> body) {
        if (tracer == null) {
            return body.get();
        }
        try (Span span = tracer.start(name, SpanKind.RETRIEVAL, query.parent())) {
            span.set(LlmOpsAttributes.RETRIEVAL_K, (long) k);
            try {
                List<ScoredChunk> result = body.get();
                span.set(LlmOpsAttributes.RETRIEVAL_RESULTS, (long) result.size());
                return result;
            } catch (RuntimeException e) {
                span.fail(e);
                throw e;
            }
        }
    }

    static int checkK(String name, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was: " + k);
        }
        return k;
    }
}
