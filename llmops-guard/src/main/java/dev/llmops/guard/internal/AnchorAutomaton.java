package dev.llmops.guard.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho-Corasick automaton over literal anchors: one linear pass reports every occurrence of every
 * anchor. Immutable after construction and thread-safe.
 */
public final class AnchorAutomaton {

    private final List<int[]> asciiNext = new ArrayList<>();          // per node: 128 transitions
    private final List<Map<Character, Integer>> otherNext = new ArrayList<>();
    private final List<int[]> outputs = new ArrayList<>();           // per node: anchor ids ending here
    private int[] fail;
    private final List<String> anchors;
    /** Flattened after construction for speed: {@code next[node * 128 + c]} for ASCII chars. */
    private final int[] next;
    private final int[][] out;
    private final int[] anchorLength;

    /** Builds the automaton; anchor {@code i} is reported as id {@code i}. */
    public AnchorAutomaton(List<String> anchors) {
        this.anchors = List.copyOf(anchors);
        newNode();
        for (int id = 0; id < anchors.size(); id++) {
            String a = anchors.get(id);
            int node = 0;
            for (int k = 0; k < a.length(); k++) {
                int next = step0(node, a.charAt(k));
                if (next < 0) {
                    next = newNode();
                    set(node, a.charAt(k), next);
                }
                node = next;
            }
            outputs.set(node, append(outputs.get(node), id));
        }
        fail = new int[asciiNext.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 128; c++) {
            int n = asciiNext.get(0)[c];
            if (n > 0) {
                fail[n] = 0;
                queue.add(n);
            }
        }
        for (int n : otherNext.get(0).values()) {
            fail[n] = 0;
            queue.add(n);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            List<Map.Entry<Character, Integer>> edges = new ArrayList<>();
            int[] ascii = asciiNext.get(node);
            for (int c = 0; c < 128; c++) {
                if (ascii[c] > 0) {
                    edges.add(Map.entry((char) c, ascii[c]));
                }
            }
            edges.addAll(otherNext.get(node).entrySet());
            for (Map.Entry<Character, Integer> e : edges) {
                int child = e.getValue();
                int f = fail[node];
                while (f > 0 && step0(f, e.getKey()) < 0) {
                    f = fail[f];
                }
                int target = step0(f, e.getKey());
                fail[child] = target >= 0 && target != child ? target : 0;
                for (int id : outputs.get(fail[child])) {
                    outputs.set(child, append(outputs.get(child), id));
                }
                queue.add(child);
            }
        }
        next = new int[asciiNext.size() * 128];
        out = new int[asciiNext.size()][];
        for (int node = 0; node < asciiNext.size(); node++) {
            System.arraycopy(asciiNext.get(node), 0, next, node * 128, 128);
            out[node] = outputs.get(node);
        }
        anchorLength = new int[anchors.size()];
        for (int id = 0; id < anchors.size(); id++) {
            anchorLength[id] = anchors.get(id).length();
        }
    }

    private int newNode() {
        int[] a = new int[128];
        java.util.Arrays.fill(a, -1);
        asciiNext.add(a);
        otherNext.add(new HashMap<>());
        outputs.add(new int[0]);
        return asciiNext.size() - 1;
    }

    private int step0(int node, char c) {
        if (c < 128) {
            return asciiNext.get(node)[c];
        }
        Integer n = otherNext.get(node).get(c);
        return n == null ? -1 : n;
    }

    private void set(int node, char c, int next) {
        if (c < 128) {
            asciiNext.get(node)[c] = next;
        } else {
            otherNext.get(node).put(c, next);
        }
    }

    private static int[] append(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return a;
            }
        }
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /**
     * Start offsets of the occurrences of each anchor id in {@code text}: {@code result[id]} is a
     * sorted list (null when the anchor does not occur), at most {@code maxPerAnchor} each.
     */
    public List<Integer>[] find(String text, int maxPerAnchor) {
        @SuppressWarnings("unchecked")
        List<Integer>[] hits = new List[anchors.size()];
        int node = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int nx;
            if (c < 128) {
                while ((nx = next[node * 128 + c]) < 0 && node > 0) {
                    node = fail[node];
                }
            } else {
                while ((nx = step0(node, c)) < 0 && node > 0) {
                    node = fail[node];
                }
            }
            node = nx < 0 ? 0 : nx;
            int[] ids = out[node];
            if (ids.length == 0) {
                continue;
            }
            for (int id : ids) {
                List<Integer> l = hits[id];
                if (l == null) {
                    l = new ArrayList<>(2);
                    hits[id] = l;
                }
                if (l.size() < maxPerAnchor) {
                    l.add(i - anchorLength[id] + 1);
                }
            }
        }
        return hits;
    }
}
