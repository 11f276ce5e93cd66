package dev.llmops.guard.internal;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredLiteralsTest {

    private static RequiredLiterals req(String regex) {
        return RequiredLiterals.of(Pattern.compile(regex));
    }

    @Test
    void should_require_the_case_insensitive_literal_of_the_ticket_pattern() {
        RequiredLiterals r = req("(?i)\\bticket-\\d{6}\\b");

        assertThat(r.literals()).containsExactly("ticket-");
        assertThat(r.mayMatch("no such thing here")).isFalse();
        assertThat(r.mayMatch("see TICKET-123456")).isTrue();
        assertThat(r.mayMatch("see Ticket-12")).isTrue(); // literal present: the regex decides
    }

    @Test
    void should_fold_kelvin_and_long_s_like_re2_under_case_insensitivity() {
        RequiredLiterals r = req("(?i)ticket-\\d{6}");
        String kelvin = "tic\u212Aet-123456";
        String longS = "(?i)sos";

        assertThat(Pattern.compile("(?i)ticket-\\d{6}").matcher(kelvin).find()).isTrue();
        assertThat(r.mayMatch(kelvin)).isTrue();
        assertThat(req(longS).mayMatch("\u017FOs")).isTrue();
        assertThat(Pattern.compile(longS).matcher("\u017FOs").find()).isTrue();
    }

    @Test
    void should_be_case_sensitive_without_the_flag() {
        RequiredLiterals r = req("ticket-\\d+");

        assertThat(r.mayMatch("TICKET-1")).isFalse();
        assertThat(r.mayMatch("ticket-1")).isTrue();
    }

    @Test
    void should_honour_scoped_and_negated_flags() {
        assertThat(req("(?i:ab)cd").mayMatch("ABcd")).isTrue();
        assertThat(req("(?i:ab)cd").literals()).containsExactly("abcd");
        assertThat(req("(?i:ab)cd").mayMatch("ABCD")).isFalse();
        assertThat(req("(?i)ab(?-i)cd").mayMatch("ABCD")).isFalse();
        assertThat(req("(?i)ab(?-i)cd").mayMatch("aBcd")).isTrue();
        assertThat(req("x(?i)y|z").mayMatch("Z")).isTrue(); // the flag reaches later branches of the group
    }

    @Test
    void should_require_every_literal_of_a_concatenation() {
        RequiredLiterals r = req("foo\\d+(?:bar|baz)");

        assertThat(r.requirements()).containsExactlyInAnyOrder(List.of("foo"), List.of("bar", "baz"));
        assertThat(r.mayMatch("foo1 qux")).isFalse();
        assertThat(r.mayMatch("bar baz")).isFalse();
        assertThat(r.mayMatch("xbaz foo")).isTrue(); // both present: the regex decides
    }

    @Test
    void should_require_one_of_the_branches_of_an_alternation() {
        RequiredLiterals r = req("secret (?:plan|project)");

        assertThat(r.isNone()).isFalse();
        assertThat(r.mayMatch("the secret plan")).isTrue();
        assertThat(req("foo|barbaz").literals()).containsExactlyInAnyOrder("foo", "barbaz");
        assertThat(req("foo|barbaz").mayMatch("a bar and a baz")).isFalse();
        assertThat(req("foo|barbaz").mayMatch("xbarbazx")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo|\\d+", "a*", "(?:abc)?", "x{0,3}", "[a-z]+\\d", ".*", "\\w+\\d", "(?:ab|)",
            "\\x41BC", "\\101", "a{,2}b", "", "(?i)stra\u00dfe", "(?i)\u00e9t\u00e9"})
    void should_fall_back_to_a_full_scan_when_no_literal_is_provably_required(String regex) {
        RequiredLiterals r = req(regex);

        assertThat(r.isNone()).isTrue();
        assertThat(r.mayMatch("anything at all")).isTrue();
    }

    @Test
    void should_keep_literals_that_repetitions_and_assertions_still_require() {
        assertThat(req("^(?:ab)+$").literals()).containsExactly("ab");
        assertThat(req("\\bfoo\\b\\s*bar").literals()).containsExactly("foo");
        assertThat(req("tickets?-\\d").literals()).containsExactly("ticket");
        assertThat(req("\\Qa.b\\E+").literals()).containsExactly("a.b");
        assertThat(req("(?P<n>abc)d").literals()).containsExactly("abcd");
        assertThat(req("[|)]xy").literals()).containsExactly("xy");
    }

    @Test
    void should_apply_to_the_banned_regex_guard_without_changing_its_findings() {
        PatternDetector d = new PatternDetector("BANNED_PATTERN", "content.banned_regex",
                List.of(Pattern.compile("(?i)\\bticket-\\d{6}\\b"), Pattern.compile("\\d{3}")));

        assertThat(d.detect("Ticket-123456 and tic\u212Aet-654321", null)).hasSize(6); // two tickets, four digit triples
        assertThat(d.detect("nothing to see", null)).isEmpty();
    }

    // ------------------------------------------------------------------ soundness against RE2/J itself

    private static final String[] ATOMS = {"a", "b", "k", "s", "K", "S", "-", "\\.", ".", "[ab]", "[^a]", "\\d", "\\w",
            "\\s", "\\b", "\\B", "^", "$", "\\Qa-\\E", "\\-", "(?i)", "(?-i)", "x", "\\pL", "[[:alpha:]]"};
    private static final String[] QUANT = {"", "", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "+?", "{0}"};
    private static final char[] TEXT_CHARS = {'a', 'b', 'k', 's', 'A', 'B', 'K', 'S', '-', '.', ' ', '1', 'x', 'X',
            '\u212A', '\u017F', '\u0131', '\u0130', '\u00e5'};

    private static String randomRegex(Random rnd, int depth) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + rnd.nextInt(4);
        for (int i = 0; i < parts; i++) {
            int kind = rnd.nextInt(10);
            if (kind < 2 && depth < 3) {
                String open = switch (rnd.nextInt(4)) {
                    case 0 -> "(";
                    case 1 -> "(?:";
                    case 2 -> "(?i:";
                    default -> "(?-i:";
                };
                sb.append(open).append(randomRegex(rnd, depth + 1));
                if (rnd.nextBoolean()) {
                    sb.append('|').append(randomRegex(rnd, depth + 1));
                }
                sb.append(')');
            } else {
                sb.append(ATOMS[rnd.nextInt(ATOMS.length)]);
            }
            sb.append(QUANT[rnd.nextInt(QUANT.length)]);
        }
        if (rnd.nextInt(6) == 0) {
            sb.append('|').append(randomRegex(rnd, depth + 1));
        }
        return sb.toString();
    }

    @Test
    void should_never_reject_a_text_that_re2j_matches() {
        Random rnd = new Random(42);
        int checked = 0;
        int rejected = 0;
        for (int p = 0; p < 3000; p++) {
            String regex = (rnd.nextInt(3) == 0 ? "(?i)" : "") + randomRegex(rnd, 0);
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (RuntimeException e) {
                continue; // e.g. a repeated repetition operator
            }
            RequiredLiterals r = RequiredLiterals.of(pattern);
            for (int t = 0; t < 40; t++) {
                StringBuilder text = new StringBuilder();
                int len = rnd.nextInt(12);
                for (int i = 0; i < len; i++) {
                    text.append(TEXT_CHARS[rnd.nextInt(TEXT_CHARS.length)]);
                }
                boolean matches = pattern.matcher(text).find();
                boolean may = r.mayMatch(text.toString()); // the String path searches by a pivot char
                assertThat(r.mayMatch(text)).isEqualTo(may); // the CharSequence path compares at every offset
                if (matches) {
                    assertThat(may).as("regex %s, text '%s', literals %s", regex, text, r.literals()).isTrue();
                }
                checked++;
                rejected += may ? 0 : 1;
            }
        }
        assertThat(checked).isGreaterThan(50_000);
        assertThat(rejected).isGreaterThan(1_000); // the prefilter does reject texts
    }
}
