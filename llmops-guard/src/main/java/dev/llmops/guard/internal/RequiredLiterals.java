package dev.llmops.guard.internal;

import com.google.re2j.Pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * A cheap necessary condition for an RE2/J pattern to match: every match contains one of a few
 * literals (for {@code (?i)\bticket-\d{6}\b}: {@code "ticket-"}, ASCII case-insensitively), and
 * possibly one of each of a few more such sets (for {@code foo\d+(?:bar|baz)}: {@code "foo"} and one
 * of {@code "bar"}, {@code "baz"}). A text that fails any set cannot match, so the regex need not run.
 *
 * <p>The literals are derived by a conservative parse of the RE2 syntax: literal characters in a
 * concatenation (zero-width assertions such as {@code \b} or {@code ^} do not break a run), a
 * repetition with a minimum of at least one, and alternations whose every branch has a literal.
 * Anything the parser does not fully understand (octal or unknown escapes, stray braces, deep
 * nesting, non-ASCII letters under {@code (?i)}) yields {@link #none()}: no prefilter, the caller
 * scans the whole text. Under {@code (?i)}, RE2 folds {@code k} with U+212A (Kelvin sign) and
 * {@code s} with U+017F (long s); so does this check. Immutable and thread-safe.
 */
public final class RequiredLiterals {

    private static final RequiredLiterals NONE = new RequiredLiterals(List.of());
    private static final int MAX_ALTERNATIVES = 32;
    /** At most this many sets are checked, the ones with the longest shortest literal. */
    private static final int MAX_SETS = 4;
    private static final int MAX_DEPTH = 64;
    /** Longer literals are cut to this prefix, so the check stays linear in the text. */
    private static final int MAX_LITERAL = 24;
    private static final char KELVIN = '\u212A';
    private static final char LONG_S = '\u017F';

    /** Sets of alternatives, strongest first; each literal is chars (case-insensitive letters lower-case) plus folding. */
    private final List<List<Lit>> sets;

    private RequiredLiterals(List<List<Lit>> sets) {
        this.sets = List.copyOf(sets);
    }

    /** No requirement: every text may match. */
    public static RequiredLiterals none() {
        return NONE;
    }

    /** The requirement of a compiled pattern (its source and flags), or {@link #none()}. */
    public static RequiredLiterals of(Pattern pattern) {
        int flags = pattern.flags();
        if ((flags & ~(Pattern.CASE_INSENSITIVE | Pattern.DOTALL | Pattern.MULTILINE | Pattern.LONGEST_MATCH)) != 0) {
            return NONE;
        }
        return of(pattern.pattern(), (flags & Pattern.CASE_INSENSITIVE) != 0);
    }

    /** The requirement of an RE2 regular expression, or {@link #none()} when none is provable. */
    public static RequiredLiterals of(String regex, boolean caseInsensitive) {
        try {
            Parser p = new Parser(regex, caseInsensitive);
            Info info = p.parseAlternation(0);
            if (p.pos != regex.length()) {
                return NONE; // an unbalanced ')'
            }
            List<List<Lit>> all = new ArrayList<>(info.sets());
            if (all.isEmpty()) {
                return NONE;
            }
            all.sort((a, b) -> Integer.compare(Info.score(b), Info.score(a))); // stable: pattern order on ties
            List<List<Lit>> kept = new ArrayList<>();
            for (List<Lit> set : all.subList(0, Math.min(MAX_SETS, all.size()))) {
                List<Lit> capped = new ArrayList<>();
                for (Lit l : set) {
                    capped.add(l.prefix(MAX_LITERAL)); // a prefix of a required literal is required too
                }
                kept.add(List.copyOf(capped));
            }
            return new RequiredLiterals(kept);
        } catch (Unsupported e) {
            return NONE;
        }
    }

    /** Whether there is no requirement (every text is scanned). */
    public boolean isNone() {
        return sets.isEmpty();
    }

    /**
     * The strongest set of required literals (one of them occurs in every match) as strings, for
     * tests and diagnostics: case-insensitive letters are shown lower-case; empty for {@link #none()}.
     */
    public List<String> literals() {
        return sets.isEmpty() ? List.of() : strings(sets.get(0));
    }

    /** Every checked set, strongest first (each is necessary for a match). */
    public List<List<String>> requirements() {
        List<List<String>> out = new ArrayList<>();
        for (List<Lit> set : sets) {
            out.add(strings(set));
        }
        return out;
    }

    private static List<String> strings(List<Lit> set) {
        List<String> out = new ArrayList<>();
        for (Lit l : set) {
            out.add(new String(l.chars));
        }
        return out;
    }

    /** False only when {@code text} certainly has no match; true when it may have one. */
    public boolean mayMatch(CharSequence text) {
        for (List<Lit> set : sets) {
            if (!anyOccurs(set, text)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyOccurs(List<Lit> set, CharSequence text) {
        for (Lit lit : set) {
            if (lit.occursIn(text)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return isNone() ? "RequiredLiterals[none]" : "RequiredLiterals" + requirements();
    }

    // ------------------------------------------------------------------ literals

    /** A literal: its chars and, per char, whether it matches ASCII case-insensitively. */
    private record Lit(char[] chars, boolean[] fold) {

        static final Lit EMPTY = new Lit(new char[0], new boolean[0]);

        Lit concat(Lit o) {
            char[] c = java.util.Arrays.copyOf(chars, chars.length + o.chars.length);
            System.arraycopy(o.chars, 0, c, chars.length, o.chars.length);
            boolean[] f = java.util.Arrays.copyOf(fold, fold.length + o.fold.length);
            System.arraycopy(o.fold, 0, f, fold.length, o.fold.length);
            return new Lit(c, f);
        }

        Lit prefix(int max) {
            return chars.length <= max ? this
                    : new Lit(java.util.Arrays.copyOf(chars, max), java.util.Arrays.copyOf(fold, max));
        }

        int length() {
            return chars.length;
        }

        boolean occursIn(CharSequence text) {
            int m = chars.length;
            int last = text.length() - m;
            if (text instanceof String str) {
                // find candidates with String.indexOf on a pivot char that matches only itself
                // (a char without case folding, else an ASCII letter other than k and s: 2 cases)
                int pivot = -1;
                for (int k = 0; k < m; k++) {
                    if (!fold[k]) {
                        pivot = k;
                        break;
                    }
                    if (pivot < 0 && chars[k] != 'k' && chars[k] != 's') {
                        pivot = k;
                    }
                }
                if (pivot >= 0) {
                    return occursByPivot(str, pivot, last);
                }
            }
            for (int i = 0; i <= last; i++) {
                if (matchesAt(text, i)) {
                    return true;
                }
            }
            return false;
        }

        private boolean occursByPivot(String text, int pivot, int last) {
            char lower = chars[pivot];
            char upper = fold[pivot] ? (char) (lower - 32) : lower;
            int from = pivot;
            int lo = text.indexOf(lower, from);
            int up = upper == lower ? -1 : text.indexOf(upper, from);
            while (lo >= 0 || up >= 0) {
                int at = lo < 0 ? up : up < 0 ? lo : Math.min(lo, up);
                int start = at - pivot;
                if (start > last) {
                    return false;
                }
                if (matchesAt(text, start)) {
                    return true;
                }
                if (at == lo) {
                    lo = text.indexOf(lower, at + 1);
                } else {
                    up = text.indexOf(upper, at + 1);
                }
            }
            return false;
        }

        private boolean matchesAt(CharSequence text, int i) {
            for (int k = 0; k < chars.length; k++) {
                char t = text.charAt(i + k);
                char p = chars[k];
                if (t == p) {
                    continue;
                }
                if (!fold[k]) {
                    return false;
                }
                // p is a lower-case ASCII letter matched case-insensitively (RE2 simple folding)
                if (t == (char) (p - 32) || (p == 'k' && t == KELVIN) || (p == 's' && t == LONG_S)) {
                    continue;
                }
                return false;
            }
            return true;
        }
    }

    /**
     * What is known about a sub-expression: {@code exact} when every match is this one literal
     * (the empty literal for zero-width assertions); {@code all} sets of literals each of which has
     * a member in every match; both null when nothing is known.
     */
    private record Info(Lit exact, List<List<Lit>> all) {

        static final Info OPAQUE = new Info(null, null);
        static final Info EMPTY = new Info(Lit.EMPTY, null);
        /** A {@code (?flags)} group: no operand, so a quantifier after it applies to what came before. */
        static final Info FLAGS = new Info(Lit.EMPTY, null);

        /** Every usable necessary set (none containing the empty literal). */
        List<List<Lit>> sets() {
            List<List<Lit>> out = new ArrayList<>();
            if (exact != null && exact.length() > 0) {
                out.add(List.of(exact));
            }
            if (all != null) {
                for (List<Lit> set : all) {
                    if (score(set) > 0) {
                        out.add(set);
                    }
                }
            }
            return out;
        }

        /** The best set (longest shortest literal), or null. */
        List<Lit> best() {
            List<Lit> best = null;
            for (List<Lit> set : sets()) {
                if (best == null || score(set) > score(best)) {
                    best = set;
                }
            }
            return best;
        }

        static int score(List<Lit> alts) {
            if (alts == null || alts.isEmpty()) {
                return 0;
            }
            int min = Integer.MAX_VALUE;
            for (Lit l : alts) {
                min = Math.min(min, l.length());
            }
            return min;
        }
    }

    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** Recursive-descent parser of the RE2 syntax, tracking only literals. */
    private static final class Parser {
        private final String re;
        private int pos;
        private boolean ci;

        Parser(String re, boolean ci) {
            this.re = re;
            this.ci = ci;
        }

        private boolean more() {
            return pos < re.length();
        }

        private char peek() {
            return re.charAt(pos);
        }

        Info parseAlternation(int depth) throws Unsupported {
            if (depth > MAX_DEPTH) {
                throw new Unsupported();
            }
            List<Info> branches = new ArrayList<>();
            branches.add(parseConcat(depth));
            while (more() && peek() == '|') {
                pos++;
                branches.add(parseConcat(depth));
            }
            if (branches.size() == 1) {
                return branches.get(0);
            }
            List<Lit> union = new ArrayList<>();
            for (Info b : branches) {
                List<Lit> best = b.best();
                if (best == null) {
                    return Info.OPAQUE; // a branch without a literal: no requirement
                }
                union.addAll(best);
            }
            return union.size() > MAX_ALTERNATIVES ? Info.OPAQUE : new Info(null, List.of(union));
        }

        private Info parseConcat(int depth) throws Unsupported {
            Lit run = Lit.EMPTY;         // literal run being built
            boolean allExact = true;
            Lit whole = Lit.EMPTY;       // concatenation of all, while every child is exact
            List<List<Lit>> sets = new ArrayList<>(); // every one is necessary: the concatenation needs all
            while (more() && peek() != '|' && peek() != ')') {
                Info item = parseRepeat(depth);
                if (item.exact() != null) {
                    run = run.concat(item.exact());
                    if (allExact) {
                        whole = whole.concat(item.exact());
                    }
                } else {
                    allExact = false;
                    if (run.length() > 0) {
                        sets.add(List.of(run));
                    }
                    run = Lit.EMPTY;
                    sets.addAll(item.sets());
                }
            }
            if (allExact) {
                return new Info(whole, null);
            }
            if (run.length() > 0) {
                sets.add(List.of(run));
            }
            return new Info(null, sets);
        }

        private Info parseRepeat(int depth) throws Unsupported {
            Info atom = parseAtom(depth);
            while (more()) {
                char c = peek();
                int min;
                int max;
                if (c == '*' || c == '?') {
                    pos++;
                    min = 0;
                    max = c == '?' ? 1 : -1;
                } else if (c == '+') {
                    pos++;
                    min = 1;
                    max = -1;
                } else if (c == '{') {
                    int[] mm = parseBraces();
                    min = mm[0];
                    max = mm[1];
                } else {
                    break;
                }
                if (atom == Info.FLAGS) {
                    throw new Unsupported(); // RE2 applies it to the operand before the flags: not modelled
                }
                if (more() && peek() == '?') {
                    pos++; // non-greedy
                }
                if (min == 0) {
                    atom = Info.OPAQUE;
                } else if (!(min == 1 && max == 1)) {
                    atom = new Info(null, atom.sets()); // each copy still contains the atom's requirements
                }
            }
            return atom;
        }

        /** {@code {n}}, {@code {n,}} or {@code {n,m}}; anything else is unsupported. */
        private int[] parseBraces() throws Unsupported {
            int close = re.indexOf('}', pos);
            if (close < 0) {
                throw new Unsupported();
            }
            String body = re.substring(pos + 1, close);
            int comma = body.indexOf(',');
            String lo = comma < 0 ? body : body.substring(0, comma);
            String hi = comma < 0 ? body : body.substring(comma + 1);
            if (!digits(lo) || (comma >= 0 && !hi.isEmpty() && !digits(hi)) || (comma < 0 && !digits(hi))) {
                throw new Unsupported();
            }
            pos = close + 1;
            int min = Integer.parseInt(lo);
            int max = comma >= 0 && hi.isEmpty() ? -1 : Integer.parseInt(hi);
            return new int[]{min, max};
        }

        private static boolean digits(String s) {
            if (s.isEmpty() || s.length() > 4) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private Info parseAtom(int depth) throws Unsupported {
            char c = peek();
            switch (c) {
                case '(':
                    return parseGroup(depth);
                case '[':
                    skipClass();
                    return Info.OPAQUE;
                case '.':
                    pos++;
                    return Info.OPAQUE;
                case '^':
                case '$':
                    pos++;
                    return Info.EMPTY;
                case '\\':
                    return parseEscape();
                case '*':
                case '+':
                case '?':
                case '{':
                case '}':
                case ']':
                    throw new Unsupported(); // stray operator or brace: not worth guessing
                default:
                    pos++;
                    return literal(c);
            }
        }

        private Info literal(char c) throws Unsupported {
            if (Character.isSurrogate(c) || c == '\uFFFD') {
                throw new Unsupported();
            }
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (ci && !letter && c >= 0x80) {
                throw new Unsupported(); // non-ASCII case folding is not modelled
            }
            if (ci && letter) {
                return new Info(new Lit(new char[]{(char) (c | 0x20)}, new boolean[]{true}), null);
            }
            return new Info(new Lit(new char[]{c}, new boolean[]{false}), null);
        }

        private Info parseGroup(int depth) throws Unsupported {
            pos++; // '('
            boolean saved = ci;
            if (more() && peek() == '?') {
                pos++;
                if (!more()) {
                    throw new Unsupported();
                }
                char c = peek();
                if (c == 'P' || c == '<') {
                    int close = re.indexOf('>', pos);
                    if (close < 0 || (c == 'P' && (pos + 1 >= re.length() || re.charAt(pos + 1) != '<'))) {
                        throw new Unsupported();
                    }
                    pos = close + 1;
                } else {
                    boolean negate = false;
                    boolean newCi = ci;
                    while (true) {
                        if (!more()) {
                            throw new Unsupported();
                        }
                        char f = re.charAt(pos++);
                        if (f == 'i') {
                            newCi = !negate;
                        } else if (f == 'm' || f == 's' || f == 'U') {
                            // no effect on literals
                        } else if (f == '-' && !negate) {
                            negate = true;
                        } else if (f == ')') {
                            ci = newCi; // (?flags): applies to the rest of the enclosing group
                            return Info.FLAGS;
                        } else if (f == ':') {
                            ci = newCi;
                            break;
                        } else {
                            throw new Unsupported();
                        }
                    }
                }
            }
            Info inner = parseAlternation(depth + 1);
            if (!more() || peek() != ')') {
                throw new Unsupported();
            }
            pos++;
            ci = saved;
            return inner;
        }

        private void skipClass() throws Unsupported {
            pos++; // '['
            if (more() && peek() == '^') {
                pos++;
            }
            if (more() && peek() == ']') {
                pos++; // a leading ']' is a member
            }
            while (more()) {
                char c = re.charAt(pos);
                if (c == ']') {
                    pos++;
                    return;
                }
                if (c == '\\') {
                    pos += 2;
                    if (pos <= re.length() && (re.charAt(pos - 1) == 'p' || re.charAt(pos - 1) == 'P')
                            && more() && peek() == '{') {
                        int close = re.indexOf('}', pos);
                        if (close < 0) {
                            throw new Unsupported();
                        }
                        pos = close + 1;
                    }
                    continue;
                }
                if (c == '[' && pos + 1 < re.length() && re.charAt(pos + 1) == ':') {
                    int close = re.indexOf(":]", pos + 2);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    pos = close + 2;
                    continue;
                }
                pos++;
            }
            throw new Unsupported();
        }

        private Info parseEscape() throws Unsupported {
            if (pos + 1 >= re.length()) {
                throw new Unsupported();
            }
            char c = re.charAt(pos + 1);
            pos += 2;
            switch (c) {
                case 'b', 'B', 'A', 'z':
                    return Info.EMPTY;
                case 'd', 'D', 's', 'S', 'w', 'W':
                    return Info.OPAQUE;
                case 'p', 'P': {
                    if (more() && peek() == '{') {
                        int close = re.indexOf('}', pos);
                        if (close < 0) {
                            throw new Unsupported();
                        }
                        pos = close + 1;
                    } else if (more()) {
                        pos++;
                    } else {
                        throw new Unsupported();
                    }
                    return Info.OPAQUE;
                }
                case 'Q': {
                    int end = re.indexOf("\\E", pos);
                    int stop = end < 0 ? re.length() : end;
                    Lit run = Lit.EMPTY;
                    for (int k = pos; k < stop; k++) {
                        run = run.concat(literal(re.charAt(k)).exact());
                    }
                    pos = end < 0 ? re.length() : end + 2;
                    return new Info(run, null);
                }
                case 'n':
                    return literal('\n');
                case 't':
                    return literal('\t');
                case 'r':
                    return literal('\r');
                case 'f':
                    return literal('\f');
                case 'v':
                    return literal('\u000B');
                case 'a':
                    return literal('\u0007');
                default:
                    if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                        return literal(c); // an escaped punctuation character
                    }
                    throw new Unsupported(); // octal, hex, \C and anything else
            }
        }
    }
}
