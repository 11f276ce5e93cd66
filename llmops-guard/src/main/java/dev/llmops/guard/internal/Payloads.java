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
 * printable UTF-8, and the ROT13 reading of the whole text. Stateless and thread-safe.
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
