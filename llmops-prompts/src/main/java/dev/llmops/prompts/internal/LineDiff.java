package dev.llmops.prompts.internal;

import java.util.ArrayList;
import java.util.List;

/** A unified line diff computed from a longest-common-subsequence table. Internal. */
public final class LineDiff {

    private LineDiff() {
    }

    private record Op(char kind, String line, int a, int b) {
    }

    /**
     * The unified diff of {@code a} and {@code b} with {@code context} lines of context; empty when
     * they are equal.
     */
    public static String unified(String nameA, List<String> a, String nameB, List<String> b, int context) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i++, j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i), i++, j));
            } else {
                ops.add(new Op('+', b.get(j), i, j++));
            }
        }
        if (ops.stream().allMatch(o -> o.kind == ' ')) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(nameA).append('\n').append("+++ ").append(nameB).append('\n');
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k).kind == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - context);
            int end = k;
            // extend the hunk while changes are within 2*context of each other
            int last = k;
            for (int x = k; x < ops.size(); x++) {
                if (ops.get(x).kind != ' ') {
                    if (x - last - 1 > 2 * context) {
                        break;
                    }
                    last = x;
                }
            }
            end = Math.min(ops.size(), last + context + 1);
            int aStart = ops.get(start).a;
            int bStart = ops.get(start).b;
            int aLen = 0;
            int bLen = 0;
            for (int x = start; x < end; x++) {
                char kind = ops.get(x).kind;
                if (kind != '+') {
                    aLen++;
                }
                if (kind != '-') {
                    bLen++;
                }
            }
            sb.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen)).append(" @@\n");
            for (int x = start; x < end; x++) {
                sb.append(ops.get(x).kind).append(ops.get(x).line).append('\n');
            }
            k = end;
        }
        return sb.toString();
    }

    private static String range(int start, int len) {
        return len == 0 ? start + ",0" : (start + 1) + "," + len;
    }
}
