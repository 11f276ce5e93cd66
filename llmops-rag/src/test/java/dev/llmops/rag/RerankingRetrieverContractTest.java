package dev.llmops.rag;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.llmops.api.retrieval.Chunk;
import dev.llmops.api.retrieval.Retriever;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Re-ranking hybrid results with a word-overlap scoring model. */
class RerankingRetrieverContractTest extends LuceneRetrieverContractSupport {

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")));
    }

    private static final ScoringModel OVERLAP = new ScoringModel() {
        @Override
        public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
            Set<String> q = words(query);
            return Response.from(segments.stream().map(s -> {
                Set<String> w = words(s.text());
                w.retainAll(q);
                return (double) w.size();
            }).toList());
        }
    };

    @Override
    protected Retriever retrieverOver(List<Chunk> chunks) {
        return RerankingRetriever.builder(indexOver(chunks, 1000).hybrid().build(), OVERLAP).topN(15).build();
    }
}
