package dev.llmops.guard.internal;

import dev.llmops.api.guard.GuardContext;
import dev.llmops.guard.PiiConfig;
import dev.llmops.guard.PiiMatch;
import dev.llmops.guard.PiiRecognizer;
import dev.llmops.guard.PiiType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the built-in PII scanners and the configured recognizers, then resolves overlaps: the more
 * specific type wins (e-mail, card, IBAN, SSN, IP, custom, then phone). Thread-safe.
 */
public final class PiiDetector implements Detector {

    private final PiiConfig config;
    /** The configured built-in types, looked up once (a set probe per type per text showed in profiles). */
    private final boolean email;
    private final boolean card;
    private final boolean iban;
    private final boolean ssn;
    private final boolean ip;
    private final boolean phone;

    public PiiDetector(PiiConfig config) {
        this.config = config;
        this.email = config.types().contains(PiiType.EMAIL);
        this.card = config.types().contains(PiiType.CREDIT_CARD);
        this.iban = config.types().contains(PiiType.IBAN);
        this.ssn = config.types().contains(PiiType.US_SSN);
        this.ip = config.types().contains(PiiType.IP_ADDRESS);
        this.phone = config.types().contains(PiiType.PHONE);
    }

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        return toDetections(matches(text));
    }

    /** All PII matches in {@code text}, overlaps resolved, sorted by start. */
    public List<PiiMatch> matches(String text) {
        List<PiiMatch> all = new ArrayList<>();
        // cards, IBANs, SSNs, IPv4 addresses and phone numbers all contain an ASCII digit
        boolean digits = hasAsciiDigit(text);
        if (email) {
            add(all, PiiType.EMAIL, 0.95, PiiScanners.emails(text));
        }
        if (digits && card) {
            add(all, PiiType.CREDIT_CARD, 0.95, PiiScanners.creditCards(text));
        }
        if (digits && iban) {
            add(all, PiiType.IBAN, 0.95, PiiScanners.ibans(text));
        }
        if (digits && ssn) {
            add(all, PiiType.US_SSN, 0.85, PiiScanners.usSsns(text));
        }
        if (ip) {
            if (digits) {
                add(all, PiiType.IP_ADDRESS, 0.8, PiiScanners.ipv4(text));
            }
            add(all, PiiType.IP_ADDRESS, 0.8, PiiScanners.ipv6(text));
        }
        for (PiiRecognizer r : config.recognizers()) {
            for (PiiMatch m : r.recognize(text)) {
                if (m.end() <= text.length()) {
                    all.add(m);
                }
            }
        }
        if (digits && phone) {
            add(all, PiiType.PHONE, 0.8, PiiScanners.phones(text, config.phoneRegions()));
        }
        return resolveOverlaps(all);
    }

    private static boolean hasAsciiDigit(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c <= '9' && c >= '0') {
                return true;
            }
        }
        return false;
    }

    private static void add(List<PiiMatch> out, PiiType type, double score, List<int[]> spans) {
        for (int[] s : spans) {
            out.add(new PiiMatch(type.name(), s[0], s[1], score));
        }
    }

    /** Keeps matches in priority order (list order), dropping any that overlaps a kept one. */
    private static List<PiiMatch> resolveOverlaps(List<PiiMatch> prioritised) {
        java.util.TreeMap<Integer, PiiMatch> kept = new java.util.TreeMap<>();
        for (PiiMatch m : prioritised) {
            java.util.Map.Entry<Integer, PiiMatch> before = kept.floorEntry(m.end() - 1);
            if (before != null && before.getValue().end() > m.start()) {
                continue;
            }
            kept.put(m.start(), m);
        }
        return new ArrayList<>(kept.values());
    }

    static List<Detection> toDetections(List<PiiMatch> matches) {
        List<Detection> out = new ArrayList<>(matches.size());
        for (PiiMatch m : matches) {
            out.add(Detection.of(m.type(), "pii." + m.type().toLowerCase(Locale.ROOT), m.start(), m.end(), m.score(),
                    m.type().toLowerCase(Locale.ROOT).replace('_', ' ') + " of " + (m.end() - m.start()) + " chars"));
        }
        return out;
    }
}
