package dev.llmops.guard.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.llmops.api.guard.GuardContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds URLs whose host is not an allowed domain or a subdomain of one. Thread-safe.
 */
public final class DomainAllowListDetector implements Detector {

    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?|ftp)://([a-z0-9\\-._~%]+)(?::\\d+)?|\\bwww\\.([a-z0-9\\-._~%]+)");

    private final List<String> allowed;

    public DomainAllowListDetector(List<String> allowed) {
        List<String> list = new ArrayList<>();
        for (String d : allowed) {
            list.add(d.toLowerCase(Locale.ROOT));
        }
        this.allowed = List.copyOf(list);
    }

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        List<Detection> out = new ArrayList<>();
        if (text.indexOf("://") < 0 && text.indexOf("www.") < 0 && text.indexOf("WWW.") < 0
                && text.indexOf("Www.") < 0) {
            return out;
        }
        Matcher m = URL.matcher(text);
        while (m.find() && out.size() < 10_000) {
            int g = m.start(1) >= 0 ? 1 : 2;
            String host = m.group(g).toLowerCase(Locale.ROOT);
            while (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (g == 2) {
                host = "www." + host;
            }
            if (!isAllowed(host)) {
                int end = m.end();
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"'
                        && text.charAt(end) != '\'' && text.charAt(end) != ')' && text.charAt(end) != '>') {
                    end++;
                }
                out.add(Detection.of("DISALLOWED_DOMAIN", "content.allowed_domains", m.start(), end, 0.9,
                        "link to a domain outside the allow-list"));
            }
        }
        return out;
    }

    private boolean isAllowed(String host) {
        for (String d : allowed) {
            if (host.equals(d) || host.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
