package dev.llmops.rag;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adapts any {@link Retriever} to LangChain4j's {@link ContentRetriever}, so AI Services and
 * LangChain4j's RAG pipeline can use BM25, vector or hybrid retrieval over a {@link LuceneIndex}.
 * Each {@link Content} carries the chunk text, the chunk metadata (plus {@code chunk_id} and
 * {@code document_id}; booleans as strings, since LangChain4j metadata has no boolean type), and
 * the score as {@link ContentMetadata#SCORE}.
 *
 * <pre>{@code
 * ContentRetriever contentRetriever = LangChainContentRetriever.of(index.hybrid().build(), 5);
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
 *         .contentRetriever(contentRetriever).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe when the wrapped retriever is (all llmops-rag retrievers are).
 *
 * @since 0.1.0
 */
public final class LangChainContentRetriever implements ContentRetriever {

    /** Metadata key of the chunk id in returned contents. */
    public static final String CHUNK_ID = "chunk_id";
    /** Metadata key of the document id in returned contents. */
    public static final String DOCUMENT_ID = "document_id";

    private final Retriever retriever;
    private final int k;
    private final MetadataFilter filter;

    private LangChainContentRetriever(Retriever retriever, int k, MetadataFilter filter) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.k = Tracing.checkK("k", k);
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** The top {@code k} chunks of {@code retriever} for each query. */
    public static LangChainContentRetriever of(Retriever retriever, int k) {
        return new LangChainContentRetriever(retriever, k, MetadataFilter.all());
    }

    /** The top {@code k} chunks that pass {@code filter}. */
    public static LangChainContentRetriever of(Retriever retriever, int k, MetadataFilter filter) {
        return new LangChainContentRetriever(retriever, k, filter);
    }

    @Override
    public List<Content> retrieve(Query query) {
        Objects.requireNonNull(query, "query");
        List<ScoredChunk> hits = retriever.retrieve(RetrievalQuery.builder(query.text()).k(k).filter(filter).build());
        List<Content> out = new ArrayList<>(hits.size());
        for (ScoredChunk hit : hits) {
            Metadata metadata = new Metadata();
            for (Map.Entry<String, Object> e : hit.chunk().metadata().entrySet()) {
                Object v = e.getValue();
                if (v instanceof Long l) {
                    metadata.put(e.getKey(), l);
                } else if (v instanceof Double d) {
                    metadata.put(e.getKey(), d);
                } else {
                    metadata.put(e.getKey(), v.toString());
                }
            }
            metadata.put(CHUNK_ID, hit.id());
            metadata.put(DOCUMENT_ID, hit.chunk().documentId());
            out.add(Content.from(TextSegment.from(hit.text(), metadata), Map.of(ContentMetadata.SCORE, hit.score())));
        }
        return out;
    }

    @Override
    public String toString() {
        return "LangChainContentRetriever[" + retriever + ", k=" + k + "]";
    }
}
