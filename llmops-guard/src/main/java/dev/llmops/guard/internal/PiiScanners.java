package dev.llmops.guard.internal;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hand-written linear scanners for the built-in PII types. Each returns {@code int[]{start, end}}
 * spans. Stateless and thread-safe.
 */
public final class PiiScanners {

    private PiiScanners() {
    }

    // ---------------------------------------------------------------- e-mail

    private static boolean isLocalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
    }

    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    /** E-mail addresses: local part, '@', dotted domain with an alphabetic TLD of 2-24 letters. */
    public static List<int[]> emails(String text) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        int n = text.length();
        while (true) {
            int at = text.indexOf('@', from);
            if (at < 0) {
                return out;
            }
            from = at + 1;
            int s = at;
            while (s > 0 && isLocalChar(text.charAt(s - 1)) && at - s < 64) {
                s--;
            }
            while (s < at && (text.charAt(s) == '.' || text.charAt(s) == '\'' || text.charAt(s) == '-')) {
                s++;
            }
            int e = at + 1;
            while (e < n && isDomainChar(text.charAt(e)) && e - at < 256) {
                e++;
            }
            while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
                e--;
            }
            if (s == at || e == at + 1 || !validDomain(text, at + 1, e)) {
                continue;
            }
            if (text.charAt(at - 1) == '.' || text.indexOf("..", s) >= 0 && text.indexOf("..", s) < at) {
                continue;
            }
            out.add(new int[]{s, e});
            from = e;
        }
    }

    private static boolean validDomain(String text, int s, int e) {
        int lastDot = -1;
        int labelStart = s;
        for (int i = s; i <= e; i++) {
            if (i == e || text.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63 || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                    return false;
                }
                if (i < e) {
                    lastDot = i;
                }
                labelStart = i + 1;
            }
        }
        if (lastDot < 0) {
            return false;
        }
        int tld = e - lastDot - 1;
        if (tld < 2 || tld > 24) {
            return false;
        }
        for (int i = lastDot + 1; i < e; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- digits helpers

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordChar(char c) {
        return isDigit(c) || isAsciiLetter(c) || c == '_';
    }

    // ---------------------------------------------------------------- credit cards

    /** Card numbers of 13-19 digits with single spaces or dashes between digits, Luhn-checked. */
    public static List<int[]> creditCards(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!isDigit(c) || (i > 0 && (isWordChar(text.charAt(i - 1))
                    || ((text.charAt(i - 1) == '-' || text.charAt(i - 1) == '.') && i > 1 && isDigit(text.charAt(i - 2)))))) {
                i++;
                continue;
            }
            // collect a run of digits with single separators
            int[] digits = new int[20];
            int count = 0;
            int j = i;
            int end = i;
            char sep = 0;
            boolean ok = true;
            while (j < n && count <= 19) {
                char d = text.charAt(j);
                if (isDigit(d)) {
                    if (count < 20) {
                        digits[count] = d - '0';
                    }
                    count++;
                    j++;
                    end = j;
                } else if ((d == ' ' || d == '-') && j + 1 < n && isDigit(text.charAt(j + 1))) {
                    if (sep == 0) {
                        sep = d;
                    } else if (sep != d) {
                        break;
                    }
                    j++;
                } else {
                    break;
                }
            }
            if (end < n && (isWordChar(text.charAt(end)))) {
                ok = false;
            }
            if (ok && count >= 13 && count <= 19 && validIssuer(digits, count) && luhn(digits, count)) {
                out.add(new int[]{i, end});
            }
            i = Math.max(end, i + 1);
        }
        return out;
    }

    private static boolean validIssuer(int[] d, int count) {
        int p2 = d[0] * 10 + d[1];
        int p3 = p2 * 10 + d[2];
        int p4 = p3 * 10 + d[3];
        int p6 = p4 * 100 + d[4] * 10 + d[5];
        if (d[0] == 4) {
            return count == 13 || count == 16 || count == 19; // Visa
        }
        if ((p2 >= 51 && p2 <= 55) || (p6 >= 222100 && p6 <= 272099)) {
            return count == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return count == 15; // Amex
        }
        if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) {
            return count >= 16 && count <= 19; // Discover
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return count >= 16 && count <= 19; // JCB
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39 || p3 == 309) {
            return count >= 14 && count <= 19; // Diners
        }
        if (p2 == 62) {
            return count >= 16 && count <= 19; // UnionPay
        }
        if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759 || p4 == 6761
                || p4 == 6762 || p4 == 6763) {
            return count >= 12 && count <= 19; // Maestro
        }
        return false;
    }

    /** Luhn checksum over the first {@code count} digits. */
    public static boolean luhn(int[] d, int count) {
        int sum = 0;
        boolean dbl = false;
        for (int k = count - 1; k >= 0; k--) {
            int v = d[k];
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    // ---------------------------------------------------------------- IBAN

    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20));

    /** IBANs: country code, 2 check digits, BBAN of the country's length; single spaces allowed. */
    public static List<int[]> ibans(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i + 4 <= n; i++) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if (!(a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3)))) {
                continue;
            }
            if (i > 0 && isWordChar(text.charAt(i - 1))) {
                continue;
            }
            Integer len = IBAN_LENGTHS.get(text.substring(i, i + 2));
            if (len == null) {
                continue;
            }
            StringBuilder chars = new StringBuilder(len);
            int j = i;
            while (j < n && chars.length() < len) {
                char c = text.charAt(j);
                if (isDigit(c) || (c >= 'A' && c <= 'Z')) {
                    chars.append(c);
                    j++;
                } else if (c == ' ' && j + 1 < n && chars.length() > 0 && isWordChar(text.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            if (chars.length() == len && (j >= n || !isWordChar(text.charAt(j))) && mod97(chars)) {
                out.add(new int[]{i, j});
                i = j - 1;
            }
        }
        return out;
    }

    /** The ISO 13616 mod-97 check. */
    public static boolean mod97(CharSequence iban) {
        int rem = 0;
        int n = iban.length();
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (isDigit(c)) {
                rem = (rem * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rem = (rem * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return rem == 1;
    }

    // ---------------------------------------------------------------- US SSN

    /** US SSNs written {@code AAA-GG-SSSS} or {@code AAA GG SSSS}, outside never-issued ranges. */
    public static List<int[]> usSsns(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i + 11 <= n; i++) {
            char sep = text.charAt(i + 3);
            if ((sep != '-' && sep != ' ') || text.charAt(i + 6) != sep) {
                continue;
            }
            if (!(isDigit(text.charAt(i)) && isDigit(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 4)) && isDigit(text.charAt(i + 5)) && isDigit(text.charAt(i + 7))
                    && isDigit(text.charAt(i + 8)) && isDigit(text.charAt(i + 9)) && isDigit(text.charAt(i + 10)))) {
                continue;
            }
            if (i > 0 && (isWordChar(text.charAt(i - 1)) || ((text.charAt(i - 1) == '-' || text.charAt(i - 1) == '.')
                    && i > 1 && isDigit(text.charAt(i - 2))))) {
                continue;
            }
            if (i + 11 < n && (isWordChar(text.charAt(i + 11)) || ((text.charAt(i + 11) == '-'
                    || text.charAt(i + 11) == '.') && i + 12 < n && isDigit(text.charAt(i + 12))))) {
                continue;
            }
            int area = Integer.parseInt(text, i, i + 3, 10);
            int group = Integer.parseInt(text, i + 4, i + 6, 10);
            int serial = Integer.parseInt(text, i + 7, i + 11, 10);
            if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
                continue;
            }
            out.add(new int[]{i, i + 11});
            i += 10;
        }
        return out;
    }

    // ---------------------------------------------------------------- IP addresses

    /** Dotted-quad IPv4 addresses with octets 0-255 and no leading zeros. */
    public static List<int[]> ipv4(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i)) || (i > 0 && (isWordChar(text.charAt(i - 1)) || text.charAt(i - 1) == '.'))) {
                i++;
                continue;
            }
            int j = i;
            int octets = 0;
            boolean ok = true;
            while (octets < 4) {
                int s = j;
                while (j < n && isDigit(text.charAt(j)) && j - s < 4) {
                    j++;
                }
                int len = j - s;
                if (len == 0 || len > 3 || (len > 1 && text.charAt(s) == '0')
                        || Integer.parseInt(text, s, j, 10) > 255) {
                    ok = false;
                    break;
                }
                octets++;
                if (octets < 4) {
                    if (j < n - 1 && text.charAt(j) == '.' && isDigit(text.charAt(j + 1))) {
                        j++;
                    } else {
                        ok = false;
                        break;
                    }
                }
            }
            if (ok && j < n && (isWordChar(text.charAt(j)) || (text.charAt(j) == '.' && j + 1 < n
                    && isDigit(text.charAt(j + 1))))) {
                ok = false;
            }
            if (ok) {
                out.add(new int[]{i, j});
                i = j;
            } else {
                while (i < n && (isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
            }
        }
        return out;
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** IPv6 addresses (full, compressed, with an embedded IPv4 tail). */
    public static List<int[]> ipv6(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        int from = 0;
        while (true) {
            int colon = text.indexOf(':', from);
            if (colon < 0) {
                return out;
            }
            int s = colon;
            while (s > 0 && (isHex(text.charAt(s - 1)) || text.charAt(s - 1) == ':')) {
                s--;
            }
            int e = colon;
            while (e < n && (isHex(text.charAt(e)) || text.charAt(e) == ':' || text.charAt(e) == '.')) {
                e++;
            }
            from = e + 1;
            while (e > s && text.charAt(e - 1) == '.') {
                e--;
            }
            if ((s > 0 && isWordChar(text.charAt(s - 1))) || (e < n && isWordChar(text.charAt(e)))) {
                continue;
            }
            // a single trailing colon (e.g. "fe80::1:") is punctuation, not part of the address
            if (e - s > 2 && text.charAt(e - 1) == ':' && text.charAt(e - 2) != ':') {
                e--;
            }
            if (validIpv6(text.substring(s, e))) {
                out.add(new int[]{s, e});
            }
        }
    }

    /** Whether {@code s} is a valid IPv6 address literal with at least 3 groups or a {@code ::}. */
    public static boolean validIpv6(String s) {
        if (s.length() < 3 || s.length() > 45) {
            return false;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String[] parts;
        int groups = 0;
        boolean v4 = false;
        List<String> all = new ArrayList<>();
        if (dbl >= 0) {
            String left = s.substring(0, dbl);
            String right = s.substring(dbl + 2);
            if (!left.isEmpty()) {
                all.addAll(List.of(left.split(":", -1)));
            }
            if (!right.isEmpty()) {
                all.addAll(List.of(right.split(":", -1)));
            }
        } else {
            all.addAll(List.of(s.split(":", -1)));
        }
        parts = all.toArray(new String[0]);
        int hexDigits = 0;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            if (p.indexOf('.') >= 0) {
                if (k != parts.length - 1 || ipv4(p).size() != 1 || ipv4(p).get(0)[1] != p.length()) {
                    return false;
                }
                v4 = true;
                groups += 2;
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return false;
            }
            for (int c = 0; c < p.length(); c++) {
                if (!isHex(p.charAt(c))) {
                    return false;
                }
            }
            hexDigits += p.length();
            groups++;
        }
        if (dbl >= 0) {
            return groups <= 7 && (groups >= 1 || s.equals("::")) && (hexDigits >= 1 || v4);
        }
        return groups == 8;
    }

    // ---------------------------------------------------------------- phones

    /** Words that, just before a number, say it is not a phone number. */
    private static final List<String> NOT_PHONE_CONTEXT = List.of("order", "invoice", "part", "upc", "ean", "isbn",
            "sku", "serial", "tracking", "account", "ref", "bestell", "ticket", "case", "item", "model", "version",
            "po ", "no.", "nr", "#", "id", "code", "pin", "batch", "lot", "receipt", "transaction", "customer", "ssn",
            "iban", "build", "firmware", "pedido", "commande", "card", "tarjeta", "karte", "carte", "cartão", "kunden",
            "vertrag", "rechnung", "auftrag", "konto", "client", "cliente", "factura", "facture", "contrat", "fecha",
            "date", "datum");
    /** Words that, right before a number, say it is a payment card even after a phone word ("número de tarjeta"). */
    private static final List<String> CARD_CONTEXT = List.of("card", "tarjeta", "karte", "carte", "cartão", "amex",
            "visa", "mastercard");
    /** Words that, just before a number, say it is a phone number. */
    private static final List<String> PHONE_CONTEXT = List.of("phone", "tel", "call", "mobile", "cell", "whatsapp",
            "sms", "fax", "hotline", "contact", "reach", "text me", "número", "numero", "telefon", "téléphone",
            "portable", "handy", "ring", "dial", "número", "celular", "fale");

    private static final com.google.re2j.Pattern DATE_LIKE =
            com.google.re2j.Pattern.compile("^(?:19|20)\\d\\d[-./ ]\\d{1,2}(?:[-./ ]\\d{1,2})?");
    private static final com.google.re2j.Pattern SSN_SHAPE = com.google.re2j.Pattern.compile("^\\d{3}[- ]\\d{2}[- ]\\d{4}$");
    private static final com.google.re2j.Pattern CARD_SHAPE =
            com.google.re2j.Pattern.compile("^\\d{4}(?:[ -]\\d{4}){2,}|^\\d{4}[ -]\\d{6}[ -]\\d{4,5}$");
    /** Day-month-year dates such as 03-12-2026 or 3.12.2026. */
    private static final com.google.re2j.Pattern DMY_DATE =
            com.google.re2j.Pattern.compile("^\\d{1,2}[-./]\\d{1,2}[-./](?:19|20)\\d\\d$");
    /** National numbers have at most this many digits (trunk prefix included); longer runs are other ids. */
    private static final int MAX_NATIONAL_DIGITS = 13;
    private static final com.google.re2j.Pattern DOTTED_PHONE =
            com.google.re2j.Pattern.compile("^(?:\\d{2}(?:\\.\\d{2}){4}|\\(?\\d{3}\\)?\\.\\d{3}\\.\\d{4})$");
    private static final com.google.re2j.Pattern IBAN_GROUP = com.google.re2j.Pattern.compile("[A-Z0-9]{4} $");

    private static boolean acceptPhone(String text, int s, int e, PhoneNumberMatch m) {
        String raw = m.rawString();
        boolean international = raw.startsWith("+") || (raw.startsWith("00") && raw.length() > 2
                && raw.charAt(2) >= '1' && raw.charAt(2) <= '9');
        boolean plus = raw.startsWith("+");
        if (SSN_SHAPE.matches(raw) || DMY_DATE.matches(raw)) {
            return false;
        }
        // "00" + digits is an international prefix only for a valid number: otherwise it is as likely a
        // zero-padded id (case 00945757), so only "+" numbers get the lenient possible-number test
        if (!(plus ? PHONES.isPossibleNumber(m.number()) : PHONES.isValidNumber(m.number()))) {
            return false;
        }
        if (s > 0) {
            char p = text.charAt(s - 1);
            if (isWordChar(p) || p == '-' || p == '/' || p == '#' || p == '.' || (p == ':' && s > 1
                    && isDigit(text.charAt(s - 2)))) {
                return false;
            }
        }
        if (e < text.length() && (text.charAt(e) == '.' || text.charAt(e) == '-') && e + 1 < text.length()
                && isDigit(text.charAt(e + 1))) {
            return false;
        }
        if (e < text.length() && isWordChar(text.charAt(e))) {
            return false; // glued to a word, e.g. the digits of a hex dump "20 62 75 74 20 6e"
        }
        String before = Text.asciiLower(text.substring(Math.max(0, s - 40), s));
        String near = before.length() > 24 ? before.substring(before.length() - 24) : before;
        if (plus) {
            return true;
        }
        if (international) {
            return !containsWord(near, NOT_PHONE_CONTEXT);
        }
        if (SSN_SHAPE.matches(raw) || DATE_LIKE.matcher(raw).find() || oneRepeatedDigit(raw)) {
            return false;
        }
        int digits = 0;
        boolean separated = false;
        for (int k = 0; k < raw.length(); k++) {
            char c = raw.charAt(k);
            if (isDigit(c)) {
                digits++;
            } else {
                separated = true;
            }
        }
        if (digits > MAX_NATIONAL_DIGITS || CARD_SHAPE.matcher(raw).find()) {
            return false;
        }
        boolean phoneContext = containsWord(before, PHONE_CONTEXT);
        if (phoneContext) {
            // a closer word naming another kind of number wins: "número de tarjeta: ..."
            return !containsWord(near, CARD_CONTEXT);
        }
        if (!separated || digits < 8 || containsWord(near, NOT_PHONE_CONTEXT)
                || DATE_LIKE.matcher(raw).find() || SSN_SHAPE.matches(raw) || CARD_SHAPE.matcher(raw).find()
                || IBAN_GROUP.matcher(text.substring(Math.max(0, s - 5), s)).find()
                || (raw.indexOf('.') >= 0 && !DOTTED_PHONE.matches(raw))) {
            return false;
        }
        return true;
    }

    /** One repeated digit, e.g. 0000000000: a placeholder, not a number. */
    private static boolean oneRepeatedDigit(String raw) {
        char first = 0;
        for (int k = 0; k < raw.length(); k++) {
            char c = raw.charAt(k);
            if (isDigit(c)) {
                if (first == 0) {
                    first = c;
                } else if (c != first) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code hay} contains one of {@code words} starting at a word boundary. */
    private static boolean containsWord(String hay, List<String> words) {
        for (String w : words) {
            int from = 0;
            int i;
            while ((i = hay.indexOf(w, from)) >= 0) {
                if (i == 0 || !Character.isLetter(hay.charAt(i - 1))) {
                    return true;
                }
                from = i + 1;
            }
        }
        return false;
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MAX_PHONE_WINDOWS = 10_000;

    /**
     * Phone numbers that libphonenumber finds and validates for one of {@code regions}. Only windows
     * around runs of at least 7 digits are handed to libphonenumber, which keeps prose cheap.
     */
    public static List<int[]> phones(String text, List<String> regions) {
        List<int[]> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int n = text.length();
        int i = 0;
        int windows = 0;
        while (i < n && windows < MAX_PHONE_WINDOWS) {
            char c = text.charAt(i);
            if (!isDigit(c) && c != '+' && c != '(') {
                i++;
                continue;
            }
            int j = i;
            int digits = 0;
            int lastDigit = i;
            while (j < n && j - i < 40) {
                char d = text.charAt(j);
                if (isDigit(d)) {
                    digits++;
                    lastDigit = j;
                } else if (!(d == ' ' || d == '-' || d == '.' || d == '(' || d == ')' || d == '/' || d == '+'
                        || d == '\u00a0')) {
                    break;
                }
                j++;
            }
            if (digits >= 7 && digits <= 17) {
                windows++;
                int ws = Math.max(0, i - 2);
                int we = Math.min(n, lastDigit + 12);
                String window = text.substring(ws, we);
                for (String region : regions) {
                    for (PhoneNumberMatch m : PHONES.findNumbers(window, region,
                            PhoneNumberUtil.Leniency.POSSIBLE, 50)) {
                        int s = ws + m.start();
                        int e = ws + m.end();
                        if (acceptPhone(text, s, e, m) && seen.add(((long) s << 32) | e)) {
                            out.add(new int[]{s, e});
                        }
                    }
                }
            }
            i = Math.max(j, i + 1);
        }
        return out;
    }
}
