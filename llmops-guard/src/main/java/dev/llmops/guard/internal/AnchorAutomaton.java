package dev.llmops.guard.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho-Corasick automaton over literal anchors: one linear pass reports every occurrence of every
 * anchor. For ASCII input the failure links are compiled into a full transition table (a DFA), so
 * each ASCII char costs one table look-up; other chars follow the failure links. Optionally the
 * table folds ASCII upper case onto lower case, which finds lower-case anchors exactly as a search
 * in {@link Text#asciiLower(String)} of the text would, without building that copy. Immutable after
 * construction and thread-safe.
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
        this(anchors, false);
    }

    /**
     * Builds the automaton; anchor {@code i} is reported as id {@code i}.
     *
     * @param foldAsciiCase whether text chars {@code A-Z} are read as {@code a-z} (the anchors should
     *                      then be lower case: an upper-case ASCII letter in an anchor never matches)
     */
    public AnchorAutomaton(List<String> anchors, boolean foldAsciiCase) {
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
        List<Integer> bfsOrder = new ArrayList<>();
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
            bfsOrder.add(node);
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
            out[node] = outputs.get(node);
        }
        // DFA: a missing ASCII transition goes where the failure link's state goes (BFS order: the
        // failure state, being shallower, is complete already); the root stays at the root
        int[] root = asciiNext.get(0);
        for (int c = 0; c < 128; c++) {
            next[c] = Math.max(root[c], 0);
        }
        for (int node : bfsOrder) {
            int[] own = asciiNext.get(node);
            int f = fail[node] * 128;
            for (int c = 0; c < 128; c++) {
                next[node * 128 + c] = own[c] >= 0 ? own[c] : next[f + c];
            }
        }
        if (foldAsciiCase) {
            for (int node = 0; node < asciiNext.size(); node++) {
                for (int c = 'A'; c <= 'Z'; c++) {
                    next[node * 128 + c] = next[node * 128 + c + 32];
                }
            }
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

    /** The state after reading {@code c} in {@code node}: one table step for ASCII, failure links otherwise. */
    private int advance(int[] next, int node, char c) {
        if (c < 128) {
            return next[(node << 7) | c];
        }
        int nx;
        while ((nx = step0(node, c)) < 0 && node > 0) {
            node = fail[node];
        }
        return nx < 0 ? 0 : nx;
    }

    /** Whether any anchor occurs in {@code text} (stops at the first occurrence). */
    public boolean occursIn(String text) {
        int node = 0;
        final int[] next = this.next;
        for (int i = 0, n = text.length(); i < n; i++) {
            node = advance(next, node, text.charAt(i));
            if (out[node].length != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Start offsets of the occurrences of each anchor id in {@code text}: {@code result[id]} is a
     * sorted list (null when the anchor does not occur), at most {@code maxPerAnchor} each.
     */
    public List<Integer>[] find(String text, int maxPerAnchor) {
        return find(text, maxPerAnchor, null);
    }

    /**
     * Like {@link #find(String, int)}, but an anchor id with a non-null {@code exactCase[id]} is
     * reported only where {@code text} holds exactly that string (for a case-folding automaton: a
     * case-sensitive anchor found through its lower-cased form, so that one pass serves both kinds).
     * The cap counts reported occurrences only.
     */
    public List<Integer>[] find(String text, int maxPerAnchor, String[] exactCase) {
        @SuppressWarnings("unchecked")
        List<Integer>[] hits = new List[anchors.size()];
        int node = 0;
        final int[] next = this.next;
        for (int i = 0, n = text.length(); i < n; i++) {
            node = advance(next, node, text.charAt(i));
            int[] ids = out[node];
            if (ids.length == 0) {
                continue;
            }
            for (int id : ids) {
                int start = i - anchorLength[id] + 1;
                if (exactCase != null && exactCase[id] != null && !text.startsWith(exactCase[id], start)) {
                    continue;
                }
                List<Integer> l = hits[id];
                if (l == null) {
                    l = new ArrayList<>(2);
                    hits[id] = l;
                }
                if (l.size() < maxPerAnchor) {
                    l.add(start);
                }
            }
        }
        return hits;
    }
}
