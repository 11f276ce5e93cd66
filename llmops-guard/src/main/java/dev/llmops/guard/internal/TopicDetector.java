package dev.llmops.guard.internal;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.guard.GuardContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Flags a text whose embedding is close to one of the banned topic descriptions (cosine at or above
 * a threshold). Topic vectors are computed once, lazily. Thread-safe.
 */
public final class TopicDetector implements Detector {

    private final EmbeddingModel model;
    private final List<String> topics;
    private final double threshold;
    private final int maxChars;
    private volatile float[][] vectors;

    public TopicDetector(EmbeddingModel model, List<String> topics, double threshold, int maxChars) {
        this.model = model;
        this.topics = List.copyOf(topics);
        this.threshold = threshold;
        this.maxChars = maxChars;
    }

    private float[][] vectors() {
        float[][] v = vectors;
        if (v == null) {
            synchronized (this) {
                v = vectors;
                if (v == null) {
                    List<TextSegment> segs = new ArrayList<>();
                    topics.forEach(t -> segs.add(TextSegment.from(t)));
                    var emb = model.embedAll(segs).content();
                    v = new float[emb.size()][];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = SemanticIndex.normalize(emb.get(i).vector());
                    }
                    vectors = v;
                }
            }
        }
        return v;
    }

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        if (text.isBlank()) {
            return List.of();
        }
        float[][] t = vectors();
        float[] q = SemanticIndex.normalize(model.embed(text.length() > maxChars ? text.substring(0, maxChars) : text)
                .content().vector());
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            double sim = SemanticIndex.dot(q, t[i]);
            if (sim >= threshold) {
                out.add(Detection.whole("BANNED_TOPIC", "content.banned_topic", Math.max(0, Math.min(1, sim)),
                        String.format(Locale.ROOT, "close to banned topic '%s' (similarity %.2f)", topics.get(i), sim)));
            }
        }
        return out;
    }
}
