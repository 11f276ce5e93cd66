package dev.llmops.guard.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Invisible and look-alike characters: detection for the invisible-text guard and folding for the
 * injection normaliser. Stateless and thread-safe.
 */
public final class Unicode {

    private Unicode() {
    }

    /** Zero-width and other format characters that render as nothing. */
    public static boolean isZeroWidth(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || (cp >= 0x2061 && cp <= 0x2064)
                || cp == 0xFEFF || cp == 0x180E || cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160
                || cp == 0x3164 || cp == 0xFFA0;
    }

    /** Bidirectional embedding, override and isolate controls. */
    public static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    /** Unicode tag characters (U+E0000-U+E007F), used to smuggle invisible ASCII. */
    public static boolean isTag(int cp) {
        return cp >= 0xE0000 && cp <= 0xE007F;
    }

    /** Whether {@code cp} is an invisible character of any kind above. */
    public static boolean isInvisible(int cp) {
        return isZeroWidth(cp) || isBidiControl(cp) || isTag(cp);
    }

    /** Whether every char is below U+0080 (no invisible, look-alike or non-NFKC characters). */
    public static boolean isAscii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String collapseAscii(String text) {
        int n = text.length();
        byte[] out = new byte[n]; // ASCII only (the caller checked): one byte per char, no compaction pass
        int len = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || (c >= 0x1C && c <= 0x1F)) {
                if (!space && len > 0) {
                    out[len++] = ' ';
                    space = true;
                }
            } else {
                space = false;
                out[len++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
        }
        return new String(out, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean isEmojiLike(int cp) {
        return cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0xFE0F;
    }

    /**
     * Runs of invisible characters as {@code {start, end, kind}} where kind is 0 zero-width, 1 bidi,
     * 2 tag. A zero-width joiner between emoji, a ZWNJ/ZWJ inside Arabic or Indic words, and a
     * byte-order mark at offset 0 are legitimate and skipped.
     */
    public static List<int[]> invisibleRuns(String text) {
        List<int[]> out = new ArrayList<>();
        if (isAscii(text)) {
            return out;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isInvisible(cp) && !legitimate(text, i, cp)) {
                int kind = isTag(cp) ? 2 : isBidiControl(cp) ? 1 : 0;
                int s = i;
                i += len;
                while (i < n) {
                    int c2 = text.codePointAt(i);
                    int k2 = isTag(c2) ? 2 : isBidiControl(c2) ? 1 : isZeroWidth(c2) ? 0 : -1;
                    if (k2 != kind || legitimate(text, i, c2)) {
                        break;
                    }
                    i += Character.charCount(c2);
                }
                out.add(new int[]{s, i, kind});
            } else {
                i += len;
            }
        }
        return out;
    }

    private static boolean legitimate(String text, int i, int cp) {
        if (cp == 0xFEFF && i == 0) {
            return true;
        }
        if (cp == 0x200D || cp == 0x200C) {
            int prev = i > 0 ? text.codePointBefore(i) : -1;
            int next = i + 1 < text.length() ? text.codePointAt(i + 1) : -1;
            if (cp == 0x200D && prev >= 0 && next >= 0 && isEmojiLike(prev) && isEmojiLike(next)) {
                return true;
            }
            if (prev >= 0 && next >= 0 && complexScript(prev) && complexScript(next)) {
                return true;
            }
        }
        return cp == 0x200E || cp == 0x200F ? rtlContext(text, i) : false;
    }

    private static boolean complexScript(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.ARABIC || s == Character.UnicodeScript.DEVANAGARI
                || s == Character.UnicodeScript.BENGALI || s == Character.UnicodeScript.TAMIL
                || s == Character.UnicodeScript.MALAYALAM || s == Character.UnicodeScript.TELUGU
                || s == Character.UnicodeScript.KANNADA || s == Character.UnicodeScript.SINHALA
                || s == Character.UnicodeScript.GUJARATI || s == Character.UnicodeScript.GURMUKHI;
    }

    /** LRM/RLM marks are ordinary in text that mixes right-to-left scripts. */
    private static boolean rtlContext(String text, int i) {
        int from = Math.max(0, i - 20);
        int to = Math.min(text.length(), i + 20);
        for (int k = from; k < to; k++) {
            Character.UnicodeScript s = Character.UnicodeScript.of(text.charAt(k));
            if (s == Character.UnicodeScript.ARABIC || s == Character.UnicodeScript.HEBREW) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ homoglyphs

    private static final char[] CONFUSABLE_FROM = (
            // Cyrillic
            "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04bb\u0501\u051b\u051d\u0410\u0412\u0415"
                    + "\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405\u0423"
                    // Greek
                    + "\u03b1\u03bf\u03c1\u03b9\u03ba\u03bd\u03c5\u03c7\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c"
                    + "\u039d\u039f\u03a1\u03a4\u03a5\u03a7").toCharArray();
    private static final char[] CONFUSABLE_TO = (
            "aeopcyxijsh" + "dqw" + "ABEKMHOPCTXIJSY"
                    + "aopiknuxABEZHIKMNOPTYX").toCharArray();

    static {
        if (CONFUSABLE_FROM.length != CONFUSABLE_TO.length) {
            throw new ExceptionInInitializerError("confusable tables differ in length");
        }
    }

    /** The Latin look-alike of a Cyrillic or Greek letter, or the letter itself. */
    public static char foldConfusable(char c) {
        if (c < 0x0370 || c > 0x052F) {
            return c;
        }
        for (int k = 0; k < CONFUSABLE_FROM.length; k++) {
            if (CONFUSABLE_FROM[k] == c) {
                return CONFUSABLE_TO[k];
            }
        }
        return c;
    }

    private static int scriptClass(char c) {
        if (c < 0x80) {
            return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? 1 : 0;
        }
        if (c >= 0x00C0 && c <= 0x024F) {
            return 1; // Latin-1 supplement and extended Latin letters
        }
        if (c >= 0x0400 && c <= 0x052F) {
            return 2;
        }
        if (c >= 0x0370 && c <= 0x03FF) {
            return 3;
        }
        return 0;
    }

    /**
     * Words mixing Latin with Cyrillic or Greek letters (e.g. "раssword" with a Cyrillic "р"), as
     * {@code {start, end}}.
     */
    public static List<int[]> mixedScriptWords(String text) {
        List<int[]> out = new ArrayList<>();
        if (isAscii(text)) {
            return out;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            int mask = 0;
            while (i < n && (Character.isLetter(text.charAt(i)) || Character.getType(text.charAt(i)) == Character.NON_SPACING_MARK)) {
                int sc = scriptClass(text.charAt(i));
                if (sc > 0) {
                    mask |= 1 << sc;
                }
                i++;
            }
            if ((mask & 2) != 0 && (mask & (4 | 8)) != 0) {
                out.add(new int[]{s, i});
            }
        }
        return out;
    }

    /** Folds the Cyrillic/Greek letters of a mixed-script word to their Latin look-alikes. */
    public static String foldWord(String word) {
        char[] c = word.toCharArray();
        for (int k = 0; k < c.length; k++) {
            c[k] = foldConfusable(c[k]);
        }
        return new String(c);
    }

    // ------------------------------------------------------------------ normalisation for inspection

    /**
     * The text as the injection detector inspects it: NFKC, invisible characters removed (tag
     * characters decoded to the ASCII they smuggle), Cyrillic/Greek look-alikes folded to Latin in
     * words that also contain Latin letters, lower-cased, whitespace collapsed.
     */
    public static String normalizeForInspection(String text) {
        if (isAscii(text)) {
            return collapseAscii(text);
        }
        String s = Normalizer.isNormalized(text, Normalizer.Form.NFKC) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isTag(cp)) {
                int ascii = cp - 0xE0000;
                if (ascii >= 0x20 && ascii < 0x7F) {
                    sb.append((char) ascii);
                    space = false;
                }
                continue;
            }
            if (isInvisible(cp)) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!space && sb.length() > 0) {
                    sb.append(' ');
                    space = true;
                }
                continue;
            }
            space = false;
            sb.appendCodePoint(cp);
        }
        String out = sb.toString();
        List<int[]> mixed = mixedScriptWords(out);
        if (!mixed.isEmpty()) {
            char[] c = out.toCharArray();
            for (int[] w : mixed) {
                for (int k = w[0]; k < w[1]; k++) {
                    c[k] = foldConfusable(c[k]);
                }
            }
            out = new String(c);
        }
        return out.toLowerCase(Locale.ROOT);
    }
}
