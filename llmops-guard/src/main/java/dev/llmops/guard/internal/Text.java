package dev.llmops.guard.internal;

import java.util.ArrayList;
import java.util.List;

/** Small text helpers shared by the detectors. Stateless. */
public final class Text {

    private Text() {
    }

    /** Lower-cases ASCII letters only, so offsets stay aligned with the input. */
    public static String asciiLower(String s) {
        char[] c = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                if (c == null) {
                    c = s.toCharArray();
                }
                c[i] = (char) (ch + 32);
            }
        }
        return c == null ? s : new String(c);
    }

    /** Shannon entropy of {@code s} in bits per character. */
    public static double entropy(CharSequence s) {
        if (s.length() == 0) {
            return 0;
        }
        java.util.HashMap<Character, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < s.length(); i++) {
            counts.merge(s.charAt(i), 1, Integer::sum);
        }
        double h = 0;
        double n = s.length();
        for (int c : counts.values()) {
            double p = c / n;
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }

    /**
     * Offsets of every occurrence of any of {@code anchors} in {@code haystack}, sorted, capped at
     * {@code max} hits.
     */
    public static List<Integer> occurrences(String haystack, List<String> anchors, int max) {
        List<Integer> hits = new ArrayList<>();
        for (String a : anchors) {
            int from = 0;
            while (hits.size() < max) {
                int i = haystack.indexOf(a, from);
                if (i < 0) {
                    break;
                }
                hits.add(i);
                from = i + 1;
            }
        }
        hits.sort(null);
        return hits;
    }

    /**
     * Merges windows {@code [hit - before, hit + after)} around sorted hits into disjoint ranges
     * clipped to {@code [0, length)}.
     */
    public static List<int[]> windows(List<Integer> sortedHits, int before, int after, int length) {
        List<int[]> out = new ArrayList<>();
        int[] cur = null;
        for (int h : sortedHits) {
            int s = Math.max(0, h - before);
            int e = Math.min(length, h + after);
            if (cur != null && s <= cur[1]) {
                cur[1] = Math.max(cur[1], e);
            } else {
                cur = new int[]{s, e};
                out.add(cur);
            }
        }
        return out;
    }
}
