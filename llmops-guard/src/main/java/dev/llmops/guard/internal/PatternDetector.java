package dev.llmops.guard.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.llmops.api.guard.GuardContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches a list of RE2/J patterns (linear time, so a user-supplied pattern cannot hang the guard).
 * A pattern whose matches must contain one of a few literals ({@link RequiredLiterals}) is run only
 * on texts that contain one. Findings name the pattern by its index, never the matched text.
 * Thread-safe.
 */
public final class PatternDetector implements Detector {

    private static final int MAX_MATCHES = 10_000;

    private final String type;
    private final String rule;
    private final List<Pattern> patterns;
    /** Per pattern: literals one of which every match contains (a text without them is not scanned). */
    private final List<RequiredLiterals> required;

    public PatternDetector(String type, String rule, List<Pattern> patterns) {
        this.type = type;
        this.rule = rule;
        this.patterns = List.copyOf(patterns);
        List<RequiredLiterals> req = new ArrayList<>(this.patterns.size());
        for (Pattern p : this.patterns) {
            req.add(RequiredLiterals.of(p));
        }
        this.required = List.copyOf(req);
    }

    /**
     * A detector of case-insensitive literals by plain search (much faster than a regex): ASCII
     * literals are searched in the ASCII-lower-cased text, others with
     * {@link String#regionMatches(boolean, int, String, int, int)}. When every literal is ASCII, one
     * case-folding {@link AnchorAutomaton} pass first checks whether any occurs at all.
     */
    public static Detector literalDetector(String type, String rule, List<String> literals) {
        List<String> lits = List.copyOf(literals);
        List<String> needles = new ArrayList<>();
        for (String lit : lits) {
            if (!Unicode.isAscii(lit) || lit.isEmpty()) {
                needles = null;
                break;
            }
            needles.add(Text.asciiLower(lit));
        }
        // one pass, no lower-cased copy, tells whether any (ASCII) literal occurs at all
        AnchorAutomaton any = needles == null ? null : new AnchorAutomaton(needles, true);
        return (text, ctx) -> {
            if (any != null && !any.occursIn(text)) {
                return new ArrayList<>();
            }
            List<Detection> out = new ArrayList<>();
            String lower = Text.asciiLower(text);
            for (String lit : lits) {
                boolean ascii = dev.llmops.guard.internal.Unicode.isAscii(lit);
                String needle = Text.asciiLower(lit);
                if (ascii) {
                    int from = 0;
                    int i;
                    while (out.size() < MAX_MATCHES && (i = lower.indexOf(needle, from)) >= 0) {
                        out.add(Detection.of(type, rule, i, i + needle.length(), 1.0, "matched a banned substring"));
                        from = i + needle.length();
                    }
                } else {
                    for (int i = 0; i + lit.length() <= text.length() && out.size() < MAX_MATCHES; i++) {
                        if (text.regionMatches(true, i, lit, 0, lit.length())) {
                            out.add(Detection.of(type, rule, i, i + lit.length(), 1.0, "matched a banned substring"));
                            i += lit.length() - 1;
                        }
                    }
                }
            }
            return out;
        };
    }

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        List<Detection> out = new ArrayList<>();
        for (int p = 0; p < patterns.size(); p++) {
            if (!required.get(p).mayMatch(text)) {
                continue; // RE2/J has no literal prefilter: a text without the required literal cannot match
            }
            Matcher m = patterns.get(p).matcher(text);
            int from = 0;
            while (out.size() < MAX_MATCHES && from <= text.length() && m.find(from)) {
                if (m.end() > m.start()) {
                    out.add(Detection.of(type, rule, m.start(), m.end(), 1.0,
                            patterns.size() == 1 ? "matched the pattern" : "matched pattern #" + (p + 1)));
                }
                from = m.end() > m.start() ? m.end() : m.end() + 1;
            }
        }
        return out;
    }
}
