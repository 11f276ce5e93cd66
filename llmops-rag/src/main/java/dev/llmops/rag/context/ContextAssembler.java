package dev.llmops.rag.context;

import dev.llmops.api.model.TokenEstimator;
import dev.llmops.api.retrieval.ScoredChunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns retrieved chunks into prompt context: drops near-duplicates (Jaccard similarity of word
 * shingles), keeps chunks in rank order until the token budget is spent (estimated with
 * {@link TokenEstimator}), orders them, and prefixes each with a citation marker.
 *
 * <pre>{@code
 * ContextAssembler assembler = ContextAssembler.builder().tokenBudget(1500)
 *         .citations(ContextAssembler.CitationStyle.NUMBERED).order(ContextAssembler.Order.DOCUMENT).build();
 * AssembledContext ctx = assembler.assemble(retriever.retrieve(question, 10));
 * prompt.render(Map.of("context", ctx.text()));
 * }</pre>
 *
 * <p>Defaults: budget 2,000 tokens, duplicates at Jaccard &gt;= 0.8 over 3-word shingles,
 * numbered markers {@code [1]}, rank order. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ContextAssembler {

    /** How chunks are marked. */
    public enum CitationStyle {
        /** {@code [1]}, {@code [2]}, ... in text order. */
        NUMBERED,
        /** {@code [documentId]}; chunks of one document share the marker. */
        DOCUMENT_ID
    }

    /** The order of chunks in the context. */
    public enum Order {
        /** Best first. */
        RANK,
        /** Grouped by document (documents in order of their best chunk), chunks in document order. */
        DOCUMENT,
        /**
         * Best chunks at both ends, weakest in the middle (long-context models attend least to the
         * middle: Liu et al., <i>Lost in the Middle</i>, 2023).
         */
        EDGES
    }

    private static final String CHUNK_INDEX = "chunk.index";
    private static final String SOURCE = "source";

    private final int tokenBudget;
    private final double duplicateThreshold;
    private final int shingleSize;
    private final CitationStyle citationStyle;
    private final Order order;
    private final String separator;

    private ContextAssembler(Builder b) {
        this.tokenBudget = b.tokenBudget;
        this.duplicateThreshold = b.duplicateThreshold;
        this.shingleSize = b.shingleSize;
        this.citationStyle = b.citationStyle;
        this.order = b.order;
        this.separator = b.separator;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An assembler with the defaults. */
    public static ContextAssembler defaults() {
        return builder().build();
    }

    /** Assembles the context from chunks given best first. */
    public AssembledContext assemble(List<ScoredChunk> ranked) {
        Objects.requireNonNull(ranked, "ranked");
        List<ScoredChunk> kept = new ArrayList<>();
        List<Set<String>> keptShingles = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        int duplicates = 0;
        for (ScoredChunk c : ranked) {
            if (!seenIds.add(c.id())) {
                duplicates++;
                continue;
            }
            Set<String> sh = shingles(c.text());
            boolean dup = false;
            for (Set<String> other : keptShingles) {
                if (jaccard(sh, other) >= duplicateThreshold) {
                    dup = true;
                    break;
                }
            }
            if (dup) {
                duplicates++;
            } else {
                kept.add(c);
                keptShingles.add(sh);
            }
        }
        List<ScoredChunk> inBudget = new ArrayList<>();
        int used = 0;
        int overBudget = 0;
        for (ScoredChunk c : kept) {
            int cost = TokenEstimator.estimate(c.text()) + 4 + TokenEstimator.estimate(separator);
            if (used + cost <= tokenBudget) {
                inBudget.add(c);
                used += cost;
            } else {
                overBudget++;
            }
        }
        List<ScoredChunk> ordered = order(inBudget);
        StringBuilder text = new StringBuilder();
        List<Citation> citations = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            ScoredChunk c = ordered.get(i);
            String marker = citationStyle == CitationStyle.NUMBERED ? "[" + (i + 1) + "]" : "[" + c.chunk().documentId() + "]";
            if (i > 0) {
                text.append(separator);
            }
            text.append(marker).append(' ').append(c.text().strip());
            citations.add(new Citation(marker, c.id(), c.chunk().documentId(), c.chunk().metadataString(SOURCE), c.score()));
        }
        String out = text.toString();
        return new AssembledContext(out, citations, TokenEstimator.estimate(out), duplicates, overBudget);
    }

    private List<ScoredChunk> order(List<ScoredChunk> chunks) {
        switch (order) {
            case DOCUMENT -> {
                Map<String, List<ScoredChunk>> byDoc = new LinkedHashMap<>();
                for (ScoredChunk c : chunks) {
                    byDoc.computeIfAbsent(c.chunk().documentId(), d -> new ArrayList<>()).add(c);
                }
                List<ScoredChunk> out = new ArrayList<>();
                for (List<ScoredChunk> group : byDoc.values()) {
                    group.sort(Comparator.comparingLong(ContextAssembler::position));
                    out.addAll(group);
                }
                return out;
            }
            case EDGES -> {
                ScoredChunk[] out = new ScoredChunk[chunks.size()];
                int front = 0;
                int back = chunks.size() - 1;
                for (int i = 0; i < chunks.size(); i++) {
                    if (i % 2 == 0) {
                        out[front++] = chunks.get(i);
                    } else {
                        out[back--] = chunks.get(i);
                    }
                }
                return List.of(out);
            }
            default -> {
                return chunks;
            }
        }
    }

    private static long position(ScoredChunk c) {
        Object p = c.chunk().metadata().get(CHUNK_INDEX);
        return p instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    }

    private Set<String> shingles(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        List<String> w = new ArrayList<>();
        for (String x : words) {
            if (!x.isEmpty()) {
                w.add(x);
            }
        }
        Set<String> out = new HashSet<>();
        if (w.size() < shingleSize) {
            out.add(String.join(" ", w));
            return out;
        }
        for (int i = 0; i + shingleSize <= w.size(); i++) {
            out.add(String.join(" ", w.subList(i, i + shingleSize)));
        }
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int inter = 0;
        for (String s : a) {
            if (b.contains(s)) {
                inter++;
            }
        }
        return (double) inter / (a.size() + b.size() - inter);
    }

    /** Configures a {@link ContextAssembler}. Not thread-safe. */
    public static final class Builder {
        private int tokenBudget = 2000;
        private double duplicateThreshold = 0.8;
        private int shingleSize = 3;
        private CitationStyle citationStyle = CitationStyle.NUMBERED;
        private Order order = Order.RANK;
        private String separator = "\n\n";

        private Builder() {
        }

        /** Maximum estimated tokens of the context (markers and separators included). Default: 2,000. */
        public Builder tokenBudget(int tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("tokenBudget must be > 0 but was: " + tokens);
            }
            this.tokenBudget = tokens;
            return this;
        }

        /** Jaccard similarity (0, 1] at or above which a chunk is a near-duplicate. Default: 0.8. */
        public Builder duplicateThreshold(double threshold) {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("duplicateThreshold must be in (0, 1] but was: " + threshold);
            }
            this.duplicateThreshold = threshold;
            return this;
        }

        /** Words per shingle for duplicate detection. Default: 3. */
        public Builder shingleSize(int words) {
            if (words <= 0) {
                throw new IllegalArgumentException("shingleSize must be > 0 but was: " + words);
            }
            this.shingleSize = words;
            return this;
        }

        public Builder citations(CitationStyle style) {
            this.citationStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        public Builder order(Order order) {
            this.order = Objects.requireNonNull(order, "order");
            return this;
        }

        /** Text between chunks. Default: a blank line. */
        public Builder separator(String separator) {
            this.separator = Objects.requireNonNull(separator, "separator");
            return this;
        }

        public ContextAssembler build() {
            return new ContextAssembler(this);
        }
    }
}
