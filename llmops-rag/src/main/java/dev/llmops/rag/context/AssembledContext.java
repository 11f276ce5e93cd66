package dev.llmops.rag.context;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link ContextAssembler#assemble}: the context text to put into a prompt, the
 * citations in the order they appear, and what was left out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text              the context, one block per chunk, each starting with its marker
 * @param citations         the cited chunks, in text order
 * @param tokens            estimated tokens of {@code text}
 * @param droppedDuplicates chunks removed as near-duplicates of a better-ranked chunk
 * @param droppedForBudget  chunks left out because the token budget was spent
 * @since 0.1.0
 */
public record AssembledContext(String text, List<Citation> citations, int tokens, int droppedDuplicates,
                               int droppedForBudget) {

    public AssembledContext {
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
    }
}
