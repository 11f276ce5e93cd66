package dev.llmops.guard;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A deterministic bag-of-words embedding for tests: each lower-cased word hashes into one of 512 dimensions. */
public class HashingEmbeddingModel implements EmbeddingModel {

    /** Every call, single or batch. */
    public final AtomicInteger calls = new AtomicInteger();
    /** Batch calls ({@code embedAll}) only. */
    public final AtomicInteger batchCalls = new AtomicInteger();

    /** The embedding of {@code text}. */
    public static float[] vector(String text) {
        float[] v = new float[512];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode(), 512)] += 1;
            }
        }
        return v;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        calls.incrementAndGet();
        batchCalls.incrementAndGet();
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) {
            out.add(Embedding.from(vector(s.text())));
        }
        return Response.from(out);
    }

    @Override
    public Response<Embedding> embed(String text) {
        calls.incrementAndGet();
        return Response.from(Embedding.from(vector(text)));
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return embed(segment.text());
    }

    @Override
    public int dimension() {
        return 512;
    }
}
