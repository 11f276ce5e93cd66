package dev.llmops.guard.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decodes payloads hidden in a text for inspection: base64 and hex runs that decode to mostly
 * printable UTF-8, words spelled out letter by letter, and the ROT13 reading of the whole text. Stateless and thread-safe.
 */
public final class Payloads {

    private static final int MIN_RUN = 16;
    private static final int MAX_DECODED = 16;

    private Payloads() {
    }

    /** Decoded payloads (at most 16), each lower-cased; empty when there are none. */
    public static List<String> decode(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        // A candidate is a maximal segment of run chars (base64, '=', '-', '_') from its first base64
        // char on, of at least MIN_RUN chars. Segments shorter than MIN_RUN are skipped without
        // reading every char: from a segment start p, the char at p + MIN_RUN - 1 and those before it
        // are read backwards until a non-run char, past which the next segment starts.
        int p = 0;
        while (p + MIN_RUN <= n && out.size() < MAX_DECODED) {
            int j = p + MIN_RUN - 1;
            while (j >= p && isRunChar(text.charAt(j))) {
                j--;
            }
            if (j >= p) {
                p = j + 1; // no segment of MIN_RUN run chars covers [p, p + MIN_RUN)
                continue;
            }
            int b = p + MIN_RUN;
            while (b < n && isRunChar(text.charAt(b))) {
                b++;
            }
            int s = p;
            while (s < b && !isB64(text.charAt(s))) {
                s++;
            }
            boolean allHex = true;
            for (int k = s; k < b; k++) {
                allHex &= isHex(text.charAt(k));
            }
            int len = b - s;
            p = b + 1;
            if (len < MIN_RUN) {
                continue;
            }
            String run = text.substring(s, b);
            String decoded = allHex && len % 2 == 0 ? hex(run) : base64(run);
            if (decoded != null) {
                out.add(decoded.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /** The least number of letters of the longest spaced-out run of a text that gets a reading. */
    private static final int MIN_SPACED_LETTERS = 4;
    /** The least number of collapsed letters in a text for {@link #unspace} to return a reading. */
    private static final int MIN_UNSPACED_TOTAL = 8;

    /**
     * The reading of a text whose words are spelled out letter by letter ({@code "i g n o r e   a l l"},
     * {@code "f-o-r-g-e-t"}, {@code "r.e.v.e.a.l"}): every run of at least two single letters separated by one and
     * the same character out of space, {@code - . _ *} is joined into a word; the rest of the text is kept, runs of
     * spaces and tabs becoming one space. Empty
     * unless the longest run holds at least {@value #MIN_SPACED_LETTERS} letters and the runs at least
     * {@value #MIN_UNSPACED_TOTAL} in all, so ordinary prose ("a, b, c", "U.S.A.") is not read twice. Linear in the
     * length of the text.
     */
    public static java.util.Optional<String> unspace(String text) {
        int n = text.length();
        StringBuilder out = null;
        int copied = 0;
        int total = 0;
        int longest = 0;
        int i = 0;
        while (i < n) {
            if (!Character.isLetter(text.charAt(i)) || (i > 0 && Character.isLetter(text.charAt(i - 1)))
                    || i + 2 >= n || !isSpacer(text.charAt(i + 1))) {
                i++;
                continue;
            }
            char sep = text.charAt(i + 1);
            int letters = 1;
            int j = i; // the last letter of the run
            while (j + 2 < n && text.charAt(j + 1) == sep && Character.isLetter(text.charAt(j + 2))
                    && (j + 3 >= n || !Character.isLetter(text.charAt(j + 3)))) {
                j += 2;
                letters++;
            }
            if (letters >= 2) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, i);
                for (int k = i; k <= j; k += 2) {
                    out.append(text.charAt(k));
                }
                copied = j + 1;
                total += letters;
                longest = Math.max(longest, letters);
            }
            i = j + 1;
        }
        if (out == null || total < MIN_UNSPACED_TOTAL || longest < MIN_SPACED_LETTERS) {
            return java.util.Optional.empty();
        }
        out.append(text, copied, n);
        return java.util.Optional.of(SPACES.matcher(out).replaceAll(" "));
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[ \\t]{2,}");

    private static boolean isSpacer(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '_' || c == '*';
    }

    private static boolean isRunChar(char c) {
        return isB64(c) || c == '=' || c == '-' || c == '_';
    }

    /** The ROT13 reading of {@code text}. */
    public static String rot13(String text) {
        char[] c = text.toCharArray();
        for (int k = 0; k < c.length; k++) {
            char ch = c[k];
            if (ch >= 'a' && ch <= 'z') {
                c[k] = (char) ('a' + (ch - 'a' + 13) % 26);
            } else if (ch >= 'A' && ch <= 'Z') {
                c[k] = (char) ('A' + (ch - 'A' + 13) % 26);
            }
        }
        return new String(c);
    }

    private static boolean isB64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String hex(String run) {
        byte[] b = new byte[run.length() / 2];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) Integer.parseInt(run, 2 * k, 2 * k + 2, 16);
        }
        return printable(b);
    }

    private static String base64(String run) {
        String r = run.replace('-', '+').replace('_', '/');
        int pad = r.indexOf('=');
        if (pad >= 0) {
            r = r.substring(0, pad);
        }
        if (r.length() % 4 == 1) {
            return null;
        }
        try {
            return printable(Base64.getDecoder().decode(r + "==".substring(0, (4 - r.length() % 4) % 4)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bytes as UTF-8 when they decode and at least 90% are printable; otherwise null. */
    private static String printable(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            int ok = 0;
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                if (!Character.isISOControl(ch) || ch == '\n' || ch == '\t' || ch == '\r') {
                    ok++;
                }
            }
            int letters = 0;
            for (int k = 0; k < s.length(); k++) {
                if (Character.isLetter(s.charAt(k)) || s.charAt(k) == ' ') {
                    letters++;
                }
            }
            return s.length() >= 4 && ok >= 0.9 * s.length() && letters >= 0.6 * s.length() ? s : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
