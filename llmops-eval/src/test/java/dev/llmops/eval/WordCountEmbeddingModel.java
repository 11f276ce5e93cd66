package dev.llmops.eval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.llmops.eval.internal.TextMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic fake embedding: one dimension per vocabulary word, holding the word's count; words
 * outside the vocabulary are ignored. Cosines are easy to compute by hand.
 */
final class WordCountEmbeddingModel implements EmbeddingModel {

    private final List<String> vocabulary;

    WordCountEmbeddingModel(String... vocabulary) {
        this.vocabulary = List.of(vocabulary);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) {
            float[] v = new float[vocabulary.size()];
            for (String t : TextMetrics.tokens(s.text())) {
                int i = vocabulary.indexOf(t);
                if (i >= 0) {
                    v[i]++;
                }
            }
            out.add(Embedding.from(v));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return vocabulary.size();
    }
}
