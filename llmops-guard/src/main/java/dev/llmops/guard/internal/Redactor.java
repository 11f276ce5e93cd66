package dev.llmops.guard.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces detected spans with typed placeholders ({@code <EMAIL_1>}): the same value gets the
 * same placeholder within one call. Overlapping spans are merged, the earliest (then longest) wins.
 * Stateless and thread-safe.
 */
public final class Redactor {

    private Redactor() {
    }

    /** The outcome of a redaction. */
    public record Redacted(String text, Map<String, String> restorations, List<Edit> edits) {
    }

    /**
     * A value detected once is redacted everywhere: other exact occurrences of each detected value
     * (4 characters or more) become detections of the same type.
     */
    private static void addRepeats(String text, List<Detection> spans) {
        Map<String, Detection> values = new LinkedHashMap<>();
        for (Detection d : spans) {
            if (d.replacement() == null && d.end() - d.start() >= 4) {
                values.putIfAbsent(text.substring(d.start(), d.end()), d);
            }
        }
        if (values.isEmpty()) {
            return;
        }
        java.util.Set<Long> have = new java.util.HashSet<>();
        for (Detection d : spans) {
            have.add(((long) d.start() << 32) | d.end());
        }
        List<Detection> extra = new ArrayList<>();
        for (Map.Entry<String, Detection> e : values.entrySet()) {
            String v = e.getKey();
            int from = 0;
            int i;
            while ((i = text.indexOf(v, from)) >= 0 && extra.size() < 100_000) {
                if (have.add(((long) i << 32) | (i + v.length()))) {
                    dev.llmops.api.guard.Finding f = e.getValue().finding();
                    extra.add(new Detection(new dev.llmops.api.guard.Finding(f.type(), f.rule(), i, i + v.length(),
                            f.score(), f.detail()), null));
                }
                from = i + 1;
            }
        }
        spans.addAll(extra);
    }

    /** Redacts every detection that has a span; detections without a span are ignored. */
    public static Redacted redact(String text, List<Detection> detections) {
        List<Detection> spans = new ArrayList<>();
        for (Detection d : detections) {
            if (d.finding().hasSpan() && d.end() <= text.length() && d.end() > d.start()) {
                spans.add(d);
            }
        }
        addRepeats(text, spans);
        spans.sort(Comparator.comparingInt(Detection::start).thenComparing(d -> -(d.end() - d.start())));
        StringBuilder out = new StringBuilder(text.length());
        Map<String, String> restorations = new LinkedHashMap<>();
        Map<String, Map<String, String>> byType = new HashMap<>();
        List<Edit> edits = new ArrayList<>();
        int pos = 0;
        for (Detection d : spans) {
            if (d.start() < pos) {
                continue; // overlaps a span already replaced
            }
            int start = d.start();
            int end = d.end();
            // never split a surrogate pair
            if (start > 0 && Character.isLowSurrogate(text.charAt(start)) && Character.isHighSurrogate(text.charAt(start - 1))
                    && start - 1 >= pos) {
                start--;
            }
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))
                    && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            String replacement = d.replacement();
            if (replacement == null) {
                String value = text.substring(start, end);
                Map<String, String> seen = byType.computeIfAbsent(d.type(), t -> new HashMap<>());
                replacement = seen.get(value);
                if (replacement == null) {
                    replacement = "<" + d.type() + "_" + (seen.size() + 1) + ">";
                    seen.put(value, replacement);
                    restorations.put(replacement, value);
                }
            }
            out.append(text, pos, start).append(replacement);
            edits.add(new Edit(start, end, replacement.length()));
            pos = end;
        }
        out.append(text, pos, text.length());
        return new Redacted(out.toString(), restorations, List.copyOf(edits));
    }
}
