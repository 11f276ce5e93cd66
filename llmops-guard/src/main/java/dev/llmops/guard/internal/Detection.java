package dev.llmops.guard.internal;

import dev.llmops.api.guard.Finding;

import java.util.Objects;

/**
 * One raw detection: a {@link Finding} plus, for rewriting guards, an optional fixed replacement
 * (for example the empty string for an invisible character) used instead of a typed placeholder.
 *
 * @param finding     what was found; span into the text the detector saw
 * @param replacement fixed replacement text, or {@code null} for a typed placeholder
 */
public record Detection(Finding finding, String replacement) {

    public Detection {
        Objects.requireNonNull(finding, "finding");
    }

    public static Detection of(String type, String rule, int start, int end, double score, String detail) {
        return new Detection(new Finding(type, rule, start, end, score, detail), null);
    }

    public static Detection whole(String type, String rule, double score, String detail) {
        return new Detection(Finding.whole(type, rule, score, detail), null);
    }

    public String type() {
        return finding.type();
    }

    public int start() {
        return finding.start();
    }

    public int end() {
        return finding.end();
    }
}
