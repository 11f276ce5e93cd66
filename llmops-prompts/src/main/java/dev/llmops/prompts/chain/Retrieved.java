package dev.llmops.prompts.chain;

import dev.llmops.api.retrieval.ScoredChunk;

import java.util.List;
import java.util.Objects;

/**
 * A step's input together with the chunks retrieved for it; the output of {@link Chain#retrieve}.
 * As prompt variables it offers the input's own fields plus {@code chunks} (id, text, score) and
 * {@code context} (the chunk texts).
 *
 * @param input  what the retrieval was for
 * @param chunks the retrieved chunks, best first
 * @param <T>    the input type
 * @since 0.1.0
 */
public record Retrieved<T>(T input, List<ScoredChunk> chunks) {

    public Retrieved {
        Objects.requireNonNull(input, "input");
        chunks = List.copyOf(chunks);
    }

    /** The chunk texts, best first. */
    public List<String> texts() {
        return chunks.stream().map(ScoredChunk::text).toList();
    }
}
