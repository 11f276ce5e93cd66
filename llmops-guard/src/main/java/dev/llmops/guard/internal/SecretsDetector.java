package dev.llmops.guard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.llmops.api.guard.GuardContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Finds credentials: provider keys by prefix and shape, JWTs whose header decodes to JSON with an
 * {@code alg}, PEM private key blocks, and generic {@code password=} / {@code api_key:} assignments
 * whose value passes an entropy test and is no placeholder. Every pattern is RE2/J and runs only on
 * windows around cheap literal anchors, so prose without anchors costs a few {@code indexOf}s.
 * Thread-safe.
 */
public final class SecretsDetector implements Detector {

    /** AWS's documented example key pair, never a real credential. */
    private static final List<String> KNOWN_EXAMPLES = List.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HITS = 100_000;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z_.]*");
    private static final Pattern WORD_PHRASE = Pattern.compile("[a-z]+(?:[-_][a-z]+)+");
    /** Keys naming a setting about a secret rather than the secret itself. */
    private static final List<String> SETTING_SUFFIXES = List.of("path", "file", "length", "len", "count", "type",
            "url", "name", "id", "ttl", "tokens", "algorithm", "algo", "hash", "policy", "mode", "format", "version",
            "enabled", "required", "strategy", "provider", "expiry", "timeout", "size", "header", "field", "ref");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private record Rule(String type, String rule, double score, List<String> anchors, boolean ignoreCaseAnchors,
                        int before, int after, Pattern pattern, int group, Predicate<String> valid) {
    }

    private final List<Rule> rules;
    private final Rule generic;
    /**
     * All anchors in one case-folding automaton: the case-insensitive ones (lower case) as they are,
     * the case-sensitive ones lower-cased and verified exactly at each hit ({@link #exactCase}).
     */
    private final AnchorAutomaton anchors;
    private final String[] exactCase;
    private final List<String> exactList = new ArrayList<>();
    private final List<String> lowerList = new ArrayList<>();
    private final double minEntropy;
    private final int minLength;

    /**
     * @param minEntropy minimum Shannon entropy (bits/char) of a generic assignment's value
     * @param minLength  minimum length of a generic assignment's value
     */
    public SecretsDetector(double minEntropy, int minLength) {
        this.minEntropy = minEntropy;
        this.minLength = minLength;
        List<Rule> r = new ArrayList<>();
        r.add(new Rule("AWS_ACCESS_KEY", "secrets.aws_access_key", 0.95, List.of("AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
                false, 2, 24, Pattern.compile("(?:^|[^A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})(?:[^A-Za-z0-9]|$)"),
                1, v -> !KNOWN_EXAMPLES.contains(v)));
        r.add(new Rule("AWS_SECRET_KEY", "secrets.aws_secret_key", 0.9, List.of("secret", "aws"), true, 0, 140,
                Pattern.compile("(?i)(?:aws|secret)[A-Za-z0-9_.\\-]*[\"']?\\s*(?:=|:|:=|=>)\\s*[\"']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"),
                1, v -> !KNOWN_EXAMPLES.contains(v) && Text.entropy(v) >= 4.0 && hasMixedClasses(v)));
        r.add(new Rule("GITHUB_TOKEN", "secrets.github_token", 0.95,
                List.of("ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_"), false, 2, 300,
                Pattern.compile("(?:^|[^A-Za-z0-9_])((?:gh[pousr]_[A-Za-z0-9]{36,255})|(?:github_pat_[A-Za-z0-9_]{22,255}))(?:[^A-Za-z0-9_]|$)"),
                1, SecretsDetector::notPlaceholder));
        r.add(new Rule("GITLAB_TOKEN", "secrets.gitlab_token", 0.95, List.of("glpat-"), false, 2, 120,
                Pattern.compile("(?:^|[^A-Za-z0-9_])(glpat-[A-Za-z0-9_\\-]{20,64})(?:[^A-Za-z0-9_\\-]|$)"),
                1, SecretsDetector::notPlaceholder));
        r.add(new Rule("SLACK_TOKEN", "secrets.slack_token", 0.95, List.of("xox"), false, 2, 260,
                Pattern.compile("(?:^|[^A-Za-z0-9_])(xox[bpars]-[0-9]{6,}-[A-Za-z0-9-]{8,})(?:[^A-Za-z0-9-]|$)"),
                1, SecretsDetector::notPlaceholder));
        r.add(new Rule("STRIPE_KEY", "secrets.stripe_key", 0.95, List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
                false, 2, 260,
                Pattern.compile("(?:^|[^A-Za-z0-9_])((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247})(?:[^A-Za-z0-9]|$)"),
                1, v -> notPlaceholder(v) && Text.entropy(v) >= 3.5));
        r.add(new Rule("ANTHROPIC_KEY", "secrets.anthropic_key", 0.95, List.of("sk-ant-"), false, 2, 260,
                Pattern.compile("(?:^|[^A-Za-z0-9_\\-])(sk-ant-[A-Za-z0-9]{2,10}-[A-Za-z0-9_\\-]{30,200})(?:[^A-Za-z0-9_\\-]|$)"),
                1, SecretsDetector::notPlaceholder));
        r.add(new Rule("OPENAI_KEY", "secrets.openai_key", 0.9, List.of("sk-"), false, 2, 260,
                Pattern.compile("(?:^|[^A-Za-z0-9_\\-])(sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\\-]{20,200})(?:[^A-Za-z0-9_\\-]|$)"),
                1, v -> !v.startsWith("sk-ant-") && notPlaceholder(v) && hasMixedClasses(v)
                        && Text.entropy(v) >= 3.5));
        r.add(new Rule("GOOGLE_API_KEY", "secrets.google_api_key", 0.95, List.of("AIza"), false, 2, 48,
                Pattern.compile("(?:^|[^A-Za-z0-9_\\-])(AIza[0-9A-Za-z_\\-]{35})(?:[^A-Za-z0-9_\\-]|$)"),
                1, SecretsDetector::notPlaceholder));
        r.add(new Rule("JWT", "secrets.jwt", 0.9, List.of("eyJ"), false, 2, 4000,
                Pattern.compile("(?:^|[^A-Za-z0-9_\\-])(eyJ[A-Za-z0-9_\\-]{4,}\\.eyJ[A-Za-z0-9_\\-]{4,}\\.[A-Za-z0-9_\\-]{8,})(?:[^A-Za-z0-9_\\-.]|$)"),
                1, SecretsDetector::jwtHeaderHasAlg));
        this.rules = List.copyOf(r);
        this.generic = new Rule("GENERIC_SECRET", "secrets.generic_assignment", 0.7,
                List.of("pass", "pwd", "secret", "token", "key", "credential"), true, 48, 260,
                Pattern.compile("(?i)([A-Za-z0-9_.\\-]*(?:password|passwd|pwd|pass|secret|token|api[_.\\-]?key|apikey|access[_.\\-]?key|auth[_.\\-]?key|private[_.\\-]?key|credentials?|key)[A-Za-z0-9_.\\-]*)[\"']?(?:[ \\t]*(?:=|:|:=|=>)[ \\t]*|[ \\t]+is[ \\t]+)(?:\"([^\"\\r\\n]{1,200})\"|'([^'\\r\\n]{1,200})'|([^\\s\"',;)}\\[\\]]{1,200}))"),
                0, v -> true);
        for (Rule rule : rules) {
            for (String a : rule.anchors) {
                List<String> target = rule.ignoreCaseAnchors ? lowerList : exactList;
                if (!target.contains(a)) {
                    target.add(a);
                }
            }
        }
        for (String a : generic.anchors) {
            if (!lowerList.contains(a)) {
                lowerList.add(a);
            }
        }
        for (String a : List.of("-----BEGIN ", "://")) {
            exactList.add(a);
        }
        List<String> all = new ArrayList<>();
        for (String a : exactList) {
            all.add(Text.asciiLower(a));
        }
        all.addAll(lowerList);
        this.exactCase = new String[all.size()];
        for (int i = 0; i < exactList.size(); i++) {
            exactCase[i] = exactList.get(i);
        }
        this.anchors = new AnchorAutomaton(all, true); // one pass, reads A-Z as a-z: no lower-cased copy
    }

    private static List<Integer> hitsOf(List<String> anchors, List<String> ids, List<Integer>[] found) {
        List<Integer> hits = new ArrayList<>();
        for (String a : anchors) {
            List<Integer> h = found[ids.indexOf(a)];
            if (h != null) {
                hits.addAll(h);
            }
        }
        hits.sort(null);
        return hits;
    }

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        List<Integer>[] found = anchors.find(text, MAX_HITS, exactCase);
        List<Integer>[] exact = java.util.Arrays.copyOfRange(found, 0, exactList.size());
        List<Integer>[] low = java.util.Arrays.copyOfRange(found, exactList.size(), found.length);
        TreeMap<Integer, Detection> kept = new TreeMap<>();
        for (Rule rule : rules) {
            List<Integer> hits = rule.ignoreCaseAnchors ? hitsOf(rule.anchors, lowerList, low)
                    : hitsOf(rule.anchors, exactList, exact);
            if (hits.isEmpty()) {
                continue;
            }
            for (int[] w : Text.windows(hits, rule.before, rule.after, text.length())) {
                Matcher m = rule.pattern.matcher(text.substring(w[0], w[1]));
                int from = 0;
                while (from <= w[1] - w[0] && m.find(from)) {
                    int s = m.start(rule.group);
                    int e = m.end(rule.group);
                    from = Math.max(e, m.start() + 1);
                    if (rule.valid.test(m.group(rule.group))) {
                        put(kept, Detection.of(rule.type, rule.rule, w[0] + s, w[0] + e, rule.score,
                                rule.type.toLowerCase(Locale.ROOT).replace('_', ' ') + " of " + (e - s) + " chars"));
                    }
                }
            }
        }
        if (exact[exactList.indexOf("-----BEGIN ")] != null) {
            pem(text, kept);
        }
        if (exact[exactList.indexOf("://")] != null) {
            connectionStrings(text, kept);
        }
        List<Integer> genericHits = hitsOf(generic.anchors, lowerList, low);
        if (!genericHits.isEmpty()) {
            genericAssignments(text, genericHits, kept);
        }
        return new ArrayList<>(kept.values());
    }

    private static void put(TreeMap<Integer, Detection> kept, Detection d) {
        Map.Entry<Integer, Detection> before = kept.floorEntry(d.end() - 1);
        if (before != null && before.getValue().end() > d.start()) {
            return; // overlaps an earlier, more specific finding
        }
        Map.Entry<Integer, Detection> after = kept.ceilingEntry(d.start());
        if (after != null && after.getKey() < d.end()) {
            return;
        }
        kept.put(d.start(), d);
    }

    private void pem(String text, TreeMap<Integer, Detection> kept) {
        int from = 0;
        while (true) {
            int b = text.indexOf("-----BEGIN ", from);
            if (b < 0) {
                return;
            }
            int headerEnd = text.indexOf("-----", b + 11);
            from = b + 11;
            if (headerEnd < 0 || headerEnd - b > 80) {
                continue;
            }
            String label = text.substring(b + 11, headerEnd);
            if (!label.endsWith("PRIVATE KEY") && !label.endsWith("PRIVATE KEY BLOCK")) {
                continue;
            }
            int end = text.indexOf("-----END " + label + "-----", headerEnd);
            int stop;
            if (end >= 0) {
                stop = end + 14 + label.length();
            } else {
                stop = headerEnd + 5;
                while (stop < text.length() && (isBase64(text.charAt(stop)) || text.charAt(stop) == '\n'
                        || text.charAt(stop) == '\r' || text.charAt(stop) == '=' || text.charAt(stop) == ' ')) {
                    stop++;
                }
                if (stop - headerEnd < 64) {
                    continue; // a bare header (e.g. in documentation) is no key
                }
            }
            String body = text.substring(headerEnd + 5, end >= 0 ? end : stop).strip();
            if (body.length() < 40) {
                continue;
            }
            put(kept, Detection.of("PEM_PRIVATE_KEY", "secrets.pem_private_key", b, stop, 0.99,
                    "PEM " + label.toLowerCase(Locale.ROOT) + " block of " + (stop - b) + " chars"));
            from = stop;
        }
    }

    private static final Pattern CONNECTION = Pattern.compile(
            "[A-Za-z][A-Za-z0-9+.\\-]{1,20}://[^\\s:/@]*:([^\\s:/@]{6,200})@[A-Za-z0-9.\\-]+");

    private void connectionStrings(String text, TreeMap<Integer, Detection> kept) {
        List<Integer> hits = Text.occurrences(text, List.of("://"), MAX_HITS);
        for (int[] w : Text.windows(hits, 24, 300, text.length())) {
            Matcher m = CONNECTION.matcher(text.substring(w[0], w[1]));
            int from = 0;
            while (from <= w[1] - w[0] && m.find(from)) {
                from = Math.max(m.end(1), m.start() + 1);
                String v = m.group(1);
                if (notPlaceholder(v) && Text.entropy(v) >= minEntropy && !NUMBER.matches(v)) {
                    put(kept, Detection.of("GENERIC_SECRET", "secrets.connection_string_password", w[0] + m.start(1),
                            w[0] + m.end(1), 0.85, "password in a connection string (" + v.length() + " chars)"));
                }
            }
        }
    }

    private void genericAssignments(String text, List<Integer> hits, TreeMap<Integer, Detection> kept) {
        for (int[] w : Text.windows(hits, generic.before, generic.after, text.length())) {
            Matcher m = generic.pattern.matcher(text.substring(w[0], w[1]));
            int from = 0;
            while (from <= w[1] - w[0] && m.find(from)) {
                int g = m.start(2) >= 0 ? 2 : m.start(3) >= 0 ? 3 : 4;
                int s = m.start(g);
                int e = m.end(g);
                from = Math.max(e, m.start() + 1);
                String key = m.group(1);
                String value = m.group(g);
                if (acceptGeneric(key, value)) {
                    put(kept, Detection.of("GENERIC_SECRET", generic.rule, w[0] + s, w[0] + e, generic.score,
                            "value of '" + shortKey(key) + "' (" + (e - s) + " chars, entropy "
                                    + String.format(Locale.ROOT, "%.1f", Text.entropy(value)) + ")"));
                }
            }
        }
    }

    private static String shortKey(String key) {
        return key.length() > 40 ? key.substring(0, 40) : key;
    }

    boolean acceptGeneric(String key, String value) {
        String v = value.strip();
        if (v.length() < minLength || !notPlaceholder(v)) {
            return false;
        }
        String k = Text.asciiLower(key);
        for (String suffix : SETTING_SUFFIXES) {
            if (k.endsWith(suffix)) {
                return false;
            }
        }
        char c0 = v.charAt(0);
        if (c0 == '!' || c0 == '$' || c0 == '/' || c0 == '~' || c0 == '.' || c0 == '&' || c0 == '@'
                || (c0 == '#' && v.length() <= 9) || v.contains("(") || v.contains("://") || v.contains("{")
                || v.contains(" ")) {
            return false;
        }
        if (IDENTIFIER.matches(v) || WORD_PHRASE.matches(v) || NUMBER.matches(v)) {
            return false; // identifiers, word-phrases and plain numbers are references or settings
        }
        return Text.entropy(v) >= minEntropy;
    }

    static boolean notPlaceholder(String v) {
        String l = Text.asciiLower(v);
        if (l.startsWith("<") && l.endsWith(">")) {
            return false;
        }
        return !(l.contains("${") || l.contains("{{") || l.contains("%(") || l.contains("xxxx") || l.contains("****")
                || l.contains("...") || l.contains("changeme") || l.contains("change_me") || l.contains("change-me")
                || l.contains("example") || l.contains("placeholder") || l.contains("your_") || l.contains("your-")
                || l.contains("yourkey") || l.contains("redacted") || l.contains("dummy") || l.contains("insert")
                || l.contains("<") || l.contains("replace") || l.contains("notreal") || l.contains("not-real")
                || l.contains("not_a_real") || l.contains("fake"));
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    static boolean hasMixedClasses(String v) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) >= 2;
    }

    static boolean jwtHeaderHasAlg(String token) {
        int dot = token.indexOf('.');
        try {
            byte[] header = Base64.getUrlDecoder().decode(stripPadding(token.substring(0, dot)));
            JsonNode node = JSON.readTree(new String(header, StandardCharsets.UTF_8));
            return node != null && node.isObject() && node.hasNonNull("alg");
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }

    private static String stripPadding(String s) {
        int n = s.length();
        while (n > 0 && s.charAt(n - 1) == '=') {
            n--;
        }
        return s.substring(0, n);
    }
}
