package dev.llmops.rag.ingest;

import dev.llmops.api.internal.Hashing;
import dev.llmops.api.model.TokenEstimator;
import dev.llmops.api.retrieval.Chunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Splits text recursively: paragraphs (blank lines) ▸ sentences ▸ words, then packs the pieces
 * into chunks of at most {@code maxSize} units with {@code overlap} units repeated from the end of
 * the previous chunk. Units are characters or estimated tokens ({@link TokenEstimator}). A single
 * word longer than {@code maxSize} becomes its own chunk.
 *
 * <pre>{@code
 * Chunker chunker = RecursiveChunker.builder().maxTokens(256).overlapTokens(32).build();
 * List<Chunk> chunks = chunker.chunk(SourceDocument.of("faq.md", text));
 * }</pre>
 *
 * <p>Each chunk carries the document's metadata plus {@code chunk.index} (0-based position).
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class RecursiveChunker implements Chunker {

    /** Metadata key of a chunk's 0-based position in its document. */
    public static final String CHUNK_INDEX = "chunk.index";

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORDS = Pattern.compile("\\s+");

    /** What {@code maxSize} and {@code overlap} count. */
    public enum Unit { CHARACTERS, TOKENS }

    private final Unit unit;
    private final int maxSize;
    private final int overlap;

    private RecursiveChunker(Builder b) {
        this.unit = b.unit;
        this.maxSize = b.maxSize;
        this.overlap = b.overlap;
        if (overlap >= maxSize) {
            throw new IllegalArgumentException("overlap must be < maxSize but was: " + overlap + " >= " + maxSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Chunk> chunk(SourceDocument document) {
        return chunk(document, document.metadata(), 0);
    }

    /** Chunks of {@code document}'s text with the given metadata, positions starting at {@code firstIndex}. */
    List<Chunk> chunk(SourceDocument document, Map<String, Object> metadata, int firstIndex) {
        return toChunks(document.id(), split(document.text()), metadata, firstIndex);
    }

    static List<Chunk> toChunks(String documentId, List<String> texts, Map<String, Object> metadata, int firstIndex) {
        List<Chunk> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            int position = firstIndex + i;
            String text = texts.get(i);
            Map<String, Object> meta = new LinkedHashMap<>(metadata);
            meta.put(CHUNK_INDEX, (long) position);
            out.add(new Chunk(chunkId(documentId, position, text), documentId, text, meta));
        }
        return out;
    }

    /** {@code documentId#position-first12HexOfSha256(text)}. */
    public static String chunkId(String documentId, int position, String text) {
        return documentId + "#" + position + "-" + Hashing.sha256Hex(text).substring(0, 12);
    }

    /** The chunk texts of {@code text}. */
    public List<String> split(String text) {
        Objects.requireNonNull(text, "text");
        List<String> pieces = new ArrayList<>();
        for (String paragraph : PARAGRAPHS.split(text.strip())) {
            String p = paragraph.strip();
            if (!p.isEmpty()) {
                explode(p, 0, pieces);
                pieces.add("\n\n");
            }
        }
        return pack(pieces);
    }

    /** Adds {@code text} as one piece if it fits, else its sentences, else its words. */
    private void explode(String text, int level, List<String> out) {
        if (size(text) <= maxSize || level == 2) {
            out.add(text);
            return;
        }
        Pattern next = level == 0 ? SENTENCES : WORDS;
        for (String part : next.split(text)) {
            if (!part.isEmpty()) {
                explode(part, level + 1, out);
            }
        }
    }

    private List<String> pack(List<String> pieces) {
        List<String> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String piece : pieces) {
            if (piece.equals("\n\n")) {
                if (!current.isEmpty()) {
                    current.add(piece);
                }
                continue;
            }
            List<String> candidate = new ArrayList<>(current);
            candidate.add(piece);
            if (!current.isEmpty() && size(join(candidate)) > maxSize) {
                chunks.add(join(current));
                current = tail(current);
                current.add(piece);
                while (current.size() > 1 && size(join(current)) > maxSize) {
                    current.remove(0);
                }
            } else {
                current = candidate;
            }
        }
        if (!current.isEmpty()) {
            String last = join(current);
            if (!last.isEmpty()) {
                chunks.add(last);
            }
        }
        return chunks;
    }

    /** The trailing pieces of a finished chunk that fit in {@code overlap} units. */
    private List<String> tail(List<String> pieces) {
        List<String> tail = new ArrayList<>();
        if (overlap == 0) {
            return tail;
        }
        for (int i = pieces.size() - 1; i >= 0; i--) {
            String p = pieces.get(i);
            if (p.equals("\n\n")) {
                continue;
            }
            tail.add(0, p);
            if (size(join(tail)) > overlap) {
                tail.remove(0);
                break;
            }
        }
        return tail;
    }

    private static String join(List<String> pieces) {
        StringBuilder sb = new StringBuilder();
        for (String p : pieces) {
            if (p.equals("\n\n")) {
                sb.append("\n\n");
            } else {
                if (sb.length() > 0 && !endsWithNewline(sb)) {
                    sb.append(' ');
                }
                sb.append(p);
            }
        }
        return sb.toString().strip();
    }

    private static boolean endsWithNewline(StringBuilder sb) {
        return sb.charAt(sb.length() - 1) == '\n';
    }

    private int size(String text) {
        return unit == Unit.CHARACTERS ? text.length() : TokenEstimator.estimate(text);
    }

    @Override
    public String fingerprint() {
        return "recursive:" + unit + ":" + maxSize + ":" + overlap;
    }

    @Override
    public String toString() {
        return "RecursiveChunker[" + unit + ", max=" + maxSize + ", overlap=" + overlap + "]";
    }

    /** Configures a {@link RecursiveChunker}. Default: 1,000 characters, 100 overlap. Not thread-safe. */
    public static final class Builder {
        private Unit unit = Unit.CHARACTERS;
        private int maxSize = 1000;
        private int overlap = 100;

        private Builder() {
        }

        /** Chunks of at most {@code max} characters. */
        public Builder maxCharacters(int max) {
            this.unit = Unit.CHARACTERS;
            this.maxSize = positive("maxCharacters", max);
            return this;
        }

        /** Chunks of at most {@code max} estimated tokens. */
        public Builder maxTokens(int max) {
            this.unit = Unit.TOKENS;
            this.maxSize = positive("maxTokens", max);
            return this;
        }

        /** Characters repeated from the previous chunk. */
        public Builder overlapCharacters(int overlap) {
            this.overlap = nonNegative("overlapCharacters", overlap);
            return this;
        }

        /** Estimated tokens repeated from the previous chunk. */
        public Builder overlapTokens(int overlap) {
            this.overlap = nonNegative("overlapTokens", overlap);
            return this;
        }

        /**
         * @throws IllegalArgumentException when overlap is not smaller than the maximum size
         */
        public RecursiveChunker build() {
            return new RecursiveChunker(this);
        }

        private static int positive(String name, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be > 0 but was: " + v);
            }
            return v;
        }

        private static int nonNegative(String name, int v) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must be >= 0 but was: " + v);
            }
            return v;
        }
    }
}
