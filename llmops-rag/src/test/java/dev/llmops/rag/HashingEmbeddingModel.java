package dev.llmops.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny deterministic embedding model for tests: lower-cased words hashed into a bag-of-words
 * vector (plus a constant bias component so no vector is zero), L2-normalised. Counts calls.
 */
final class HashingEmbeddingModel implements EmbeddingModel {

    private final String name;
    private final int dimension;
    final AtomicInteger embeddedTexts = new AtomicInteger();
    final AtomicInteger embedAllCalls = new AtomicInteger();

    HashingEmbeddingModel() {
        this("hashing-bow", 64);
    }

    HashingEmbeddingModel(String name, int dimension) {
        this.name = name;
        this.dimension = dimension;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        embedAllCalls.incrementAndGet();
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            embeddedTexts.incrementAndGet();
            out.add(Embedding.from(vector(s.text())));
        }
        return Response.from(out);
    }

    float[] vector(String text) {
        float[] v = new float[dimension];
        v[0] = 0.1f;
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                v[1 + Math.floorMod(w.hashCode(), dimension - 1)] += 1f;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelName() {
        return name;
    }
}
