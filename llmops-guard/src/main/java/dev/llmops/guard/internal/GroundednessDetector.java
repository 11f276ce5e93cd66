package dev.llmops.guard.internal;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.guard.GuardContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that every sentence of an answer is supported by the context: lexical support is the share
 * of the sentence's content words (stop words removed, light stemming) found in the context, with
 * numbers required verbatim; with an embedding model the support is the mean of the lexical score
 * and the best cosine to a context passage mapped to [0, 1]. Sentences with fewer than 3 content
 * words (greetings, "Sure.") are not judged. Thread-safe when the model is.
 */
public final class GroundednessDetector implements Detector {

    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "in",
            "on", "at", "to", "for", "from", "by", "with", "about", "as", "into", "than", "that", "this", "these",
            "those", "it", "its", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
            "does", "did", "can", "could", "will", "would", "should", "may", "might", "must", "not", "no", "yes",
            "you", "your", "we", "our", "they", "their", "he", "she", "his", "her", "i", "me", "my", "which", "who",
            "what", "when", "where", "why", "how", "also", "there", "here", "all", "any", "some", "more", "most",
            "such", "only", "very", "just", "per", "each", "other", "both", "either", "via");

    private final Function<GuardContext, List<String>> contextSource;
    private final double minSupport;
    private final EmbeddingModel model; // may be null

    public GroundednessDetector(Function<GuardContext, List<String>> contextSource, double minSupport,
                                EmbeddingModel model) {
        this.contextSource = contextSource;
        this.minSupport = minSupport;
        this.model = model;
    }

    /**
     * The support of one judged sentence (3+ content words).
     *
     * @param index         1-based position among all sentences of the text
     * @param start         start offset in the text
     * @param end           end offset (exclusive)
     * @param support       support in [0, 1]
     * @param numberMissing whether a number of the sentence is not in the context (support is capped)
     */
    public record Sentence(int index, int start, int end, double support, boolean numberMissing) {
    }

    /** The passages this detector grounds in for {@code context}; never null. */
    public List<String> passages(GuardContext context) {
        List<String> passages = contextSource.apply(context);
        return passages == null ? List.of() : passages;
    }

    public double minSupport() {
        return minSupport;
    }

    public boolean usesEmbeddings() {
        return model != null;
    }

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        List<String> passages = passages(context);
        if (passages.isEmpty()) {
            return List.of(noContext());
        }
        List<Detection> out = new ArrayList<>();
        for (Sentence s : assess(text, passages)) {
            if (s.support() < minSupport) {
                out.add(unsupported(s));
            }
        }
        return out;
    }

    /** The finding for a text checked without any context passage. */
    public static Detection noContext() {
        return Detection.whole("NO_CONTEXT", "groundedness.no_context", 1.0,
                "no retrieved context to ground the answer in");
    }

    /** The lexical/embedding finding for a sentence below {@link #minSupport()}. */
    public Detection unsupported(Sentence s) {
        return Detection.of("UNSUPPORTED_SENTENCE", "groundedness.sentence", s.start(), s.end(),
                Math.max(0, Math.min(1, 1 - s.support())),
                String.format(Locale.ROOT, "sentence %d: support %.2f < %.2f%s", s.index(), s.support(), minSupport,
                        s.numberMissing() ? " (a number is not in the context)" : ""));
    }

    /**
     * Scores every sentence of {@code text} with 3+ content words against {@code passages} (non-empty),
     * in text order.
     */
    public List<Sentence> assess(String text, List<String> passages) {
        Set<String> ctxWords = new HashSet<>();
        for (String p : passages) {
            ctxWords.addAll(words(p));
        }
        List<float[]> ctxVectors = null;
        List<Sentence> out = new ArrayList<>();
        int index = 0;
        for (int[] s : sentences(text)) {
            index++;
            String sentence = text.substring(s[0], s[1]);
            List<String> w = words(sentence);
            if (w.size() < 3) {
                continue;
            }
            int hit = 0;
            boolean numberMissing = false;
            for (String word : w) {
                if (ctxWords.contains(word)) {
                    hit++;
                } else if (Character.isDigit(word.charAt(0))) {
                    numberMissing = true;
                }
            }
            double support = (double) hit / w.size();
            if (model != null) {
                if (ctxVectors == null) {
                    ctxVectors = new ArrayList<>();
                    for (String p : passages) {
                        ctxVectors.add(SemanticIndex.normalize(model.embed(p).content().vector()));
                    }
                }
                float[] q = SemanticIndex.normalize(model.embed(sentence).content().vector());
                double best = 0;
                for (float[] c : ctxVectors) {
                    best = Math.max(best, SemanticIndex.dot(q, c));
                }
                double emb = Math.max(0, Math.min(1, (best - 0.5) / 0.35));
                support = (support + emb) / 2;
            }
            if (numberMissing) {
                support = Math.min(support, minSupport / 2);
            }
            out.add(new Sentence(index, s[0], s[1], support, numberMissing));
        }
        return out;
    }

    /** Sentence spans: split after . ! ? followed by whitespace, and at line breaks; trimmed. */
    public static List<int[]> sentences(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            boolean cut = i == n || text.charAt(i) == '\n'
                    || ((text.charAt(i) == '.' || text.charAt(i) == '!' || text.charAt(i) == '?')
                    && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))
                    && !(text.charAt(i) == '.' && i > 0 && Character.isDigit(text.charAt(i - 1)) && i + 1 < n
                    && Character.isDigit(text.charAt(i + 1))));
            if (cut) {
                int e = i < n && text.charAt(i) != '\n' ? i + 1 : i;
                int s = start;
                while (s < e && Character.isWhitespace(text.charAt(s))) {
                    s++;
                }
                int t = e;
                while (t > s && Character.isWhitespace(text.charAt(t - 1))) {
                    t--;
                }
                if (t > s) {
                    out.add(new int[]{s, t});
                }
                start = e;
            }
        }
        return out;
    }

    /** Content words, lower-cased and lightly stemmed. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i))
                    || (text.charAt(i) == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)) && i > s
                    && Character.isDigit(text.charAt(i - 1))))) {
                i++;
            }
            String w = text.substring(s, i).toLowerCase(Locale.ROOT);
            if (!STOP.contains(w)) {
                out.add(stem(w));
            }
        }
        return out;
    }

    private static String stem(String w) {
        if (Character.isDigit(w.charAt(0))) {
            return w;
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && w.endsWith("ed")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
