package dev.llmops.eval.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Lexical metrics: Levenshtein, ROUGE-N, ROUGE-L and sentence BLEU over lower-cased word tokens
 * (runs of Unicode letters and digits). Stateless and thread-safe.
 */
public final class TextMetrics {

    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextMetrics() {
    }

    /** Lower-cased runs of letters and digits. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Character edit distance (insert, delete, substitute each cost 1), over UTF-16 code units. */
    public static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** {@code 1 - distance / max(length)}; 1 for two empty strings. */
    public static double levenshteinSimilarity(String a, String b) {
        int len = Math.max(a.length(), b.length());
        return len == 0 ? 1.0 : 1.0 - (double) levenshtein(a, b) / len;
    }

    static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            m.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return m;
    }

    private static int total(Map<List<String>, Integer> m) {
        int s = 0;
        for (int v : m.values()) {
            s += v;
        }
        return s;
    }

    private static int clippedOverlap(Map<List<String>, Integer> cand, Map<List<String>, Integer> ref) {
        int o = 0;
        for (Map.Entry<List<String>, Integer> e : cand.entrySet()) {
            o += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
        }
        return o;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /**
     * ROUGE-N F1: clipped n-gram overlap, precision over the candidate's n-grams, recall over the
     * reference's. Empty when the reference has no n-gram of order n (not computable).
     */
    public static OptionalDouble rougeN(String candidate, String reference, int n) {
        Map<List<String>, Integer> c = ngrams(tokens(candidate), n);
        Map<List<String>, Integer> r = ngrams(tokens(reference), n);
        if (r.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (c.isEmpty()) {
            return OptionalDouble.of(0.0);
        }
        int overlap = clippedOverlap(c, r);
        return OptionalDouble.of(f1((double) overlap / total(c), (double) overlap / total(r)));
    }

    /** ROUGE-L F1 (beta = 1) over the longest common token subsequence. Empty for an empty reference. */
    public static OptionalDouble rougeL(String candidate, String reference) {
        List<String> c = tokens(candidate);
        List<String> r = tokens(reference);
        if (r.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (c.isEmpty()) {
            return OptionalDouble.of(0.0);
        }
        int[][] dp = new int[c.size() + 1][r.size() + 1];
        for (int i = 1; i <= c.size(); i++) {
            for (int j = 1; j <= r.size(); j++) {
                dp[i][j] = c.get(i - 1).equals(r.get(j - 1)) ? dp[i - 1][j - 1] + 1
                        : Math.max(dp[i - 1][j], dp[i][j - 1]);
            }
        }
        int lcs = dp[c.size()][r.size()];
        return OptionalDouble.of(f1((double) lcs / c.size(), (double) lcs / r.size()));
    }

    /**
     * Sentence BLEU-4 with uniform weights: clipped n-gram precisions against the maximum count in any
     * reference; precisions of order 2 to 4 smoothed by adding 1 to numerator and denominator
     * (Lin and Och, 2004); brevity penalty {@code exp(1 - r/c)} when the candidate is shorter than the
     * closest reference length. 0 when no unigram matches. Empty when every reference is empty.
     */
    public static OptionalDouble bleu(String candidate, List<String> references) {
        List<String> c = tokens(candidate);
        List<List<String>> refs = new ArrayList<>();
        for (String r : references) {
            List<String> t = tokens(r);
            if (!t.isEmpty()) {
                refs.add(t);
            }
        }
        if (refs.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (c.isEmpty()) {
            return OptionalDouble.of(0.0);
        }
        double logSum = 0;
        for (int n = 1; n <= 4; n++) {
            Map<List<String>, Integer> cand = ngrams(c, n);
            Map<List<String>, Integer> maxRef = new HashMap<>();
            for (List<String> r : refs) {
                ngrams(r, n).forEach((k, v) -> maxRef.merge(k, v, Math::max));
            }
            int matches = clippedOverlap(cand, maxRef);
            int totalN = total(cand);
            double p;
            if (n == 1) {
                if (matches == 0) {
                    return OptionalDouble.of(0.0);
                }
                p = (double) matches / totalN;
            } else {
                p = (matches + 1.0) / (totalN + 1.0);
            }
            logSum += Math.log(p) / 4.0;
        }
        int closest = refs.get(0).size();
        for (List<String> r : refs) {
            int d = Math.abs(r.size() - c.size());
            int best = Math.abs(closest - c.size());
            if (d < best || (d == best && r.size() < closest)) {
                closest = r.size();
            }
        }
        double bp = c.size() > closest ? 1.0 : Math.exp(1.0 - (double) closest / c.size());
        return OptionalDouble.of(Math.min(1.0, bp * Math.exp(logSum)));
    }
}
