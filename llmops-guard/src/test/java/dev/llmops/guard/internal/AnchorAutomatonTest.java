package dev.llmops.guard.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AnchorAutomatonTest {

    private static final char[] CHARS = {'a', 'b', 'c', 'A', 'B', ' ', '\u00e9', '\u0430', '\u212A', 'k', 'K'};

    private static String random(Random rnd, int maxLen) {
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(maxLen + 1);
        for (int i = 0; i < len; i++) {
            sb.append(CHARS[rnd.nextInt(CHARS.length)]);
        }
        return sb.toString();
    }

    /** Every start offset of {@code anchor} in {@code haystack}, as repeated indexOf finds them. */
    private static List<Integer> naive(String haystack, String anchor) {
        List<Integer> out = new ArrayList<>();
        for (int i = haystack.indexOf(anchor); i >= 0; i = haystack.indexOf(anchor, i + 1)) {
            out.add(i);
        }
        return out;
    }

    @Test
    void should_find_the_same_occurrences_as_indexOf_with_and_without_case_folding() {
        Random rnd = new Random(7);
        for (int round = 0; round < 2000; round++) {
            List<String> anchors = new ArrayList<>();
            int count = 1 + rnd.nextInt(6);
            while (anchors.size() < count) {
                String a = random(rnd, 4);
                if (!a.isEmpty() && !anchors.contains(a)) {
                    anchors.add(a);
                }
            }
            boolean fold = rnd.nextBoolean();
            AnchorAutomaton automaton = new AnchorAutomaton(anchors, fold);
            String text = random(rnd, 40);
            String searched = fold ? Text.asciiLower(text) : text;
            List<Integer>[] found = automaton.find(text, Integer.MAX_VALUE);
            boolean any = false;
            for (int id = 0; id < anchors.size(); id++) {
                List<Integer> expected = naive(searched, anchors.get(id));
                any |= !expected.isEmpty();
                assertThat(found[id] == null ? List.of() : found[id])
                        .as("anchors %s, fold %s, text '%s'", anchors, fold, text).isEqualTo(expected);
            }
            assertThat(automaton.occursIn(text)).isEqualTo(any);
        }
    }

    @Test
    void should_report_case_sensitive_anchors_of_a_folding_automaton_only_where_the_case_matches() {
        Random rnd = new Random(11);
        for (int round = 0; round < 2000; round++) {
            List<String> exact = new ArrayList<>();
            List<String> all = new ArrayList<>();
            int count = 1 + rnd.nextInt(5);
            for (int k = 0; k < count; k++) {
                String a = random(rnd, 3);
                if (a.isEmpty()) {
                    continue;
                }
                boolean sensitive = rnd.nextBoolean();
                exact.add(sensitive ? a : null);
                all.add(sensitive ? Text.asciiLower(a) : Text.asciiLower(a));
            }
            if (all.isEmpty()) {
                continue;
            }
            String text = random(rnd, 40);
            List<Integer>[] found = new AnchorAutomaton(all, true).find(text, 5, exact.toArray(new String[0]));
            for (int id = 0; id < all.size(); id++) {
                List<Integer> expected = exact.get(id) != null ? naive(text, exact.get(id))
                        : naive(Text.asciiLower(text), all.get(id));
                expected = expected.subList(0, Math.min(5, expected.size()));
                assertThat(found[id] == null ? List.of() : found[id])
                        .as("anchors %s, exact %s, text '%s'", all, exact, text).isEqualTo(expected);
            }
        }
    }

    @Test
    void should_read_upper_case_as_lower_case_only_when_folding() {
        AnchorAutomaton folded = new AnchorAutomaton(List.of("secret"), true);
        AnchorAutomaton exact = new AnchorAutomaton(List.of("secret"), false);

        assertThat(folded.occursIn("my SeCrEt")).isTrue();
        assertThat(exact.occursIn("my SeCrEt")).isFalse();
        assertThat(folded.occursIn("my s\u0435cret")).isFalse(); // Cyrillic e is not folded
    }
}
