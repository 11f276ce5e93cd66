package dev.llmops.api.guard;

import java.util.Objects;

/**
 * One thing a guard found. Never carries the offending value itself (it may be PII or a secret):
 * the span points into {@link GuardResult#originalText()}.
 *
 * @param type   what was found, e.g. {@code EMAIL}, {@code AWS_ACCESS_KEY}, {@code PROMPT_INJECTION}
 * @param rule   the rule or layer that fired, e.g. {@code pii.email}, {@code injection.signature.override}
 * @param start  start offset (inclusive) in the original text, or -1 when the finding is about the
 *               whole text
 * @param end    end offset (exclusive), or -1
 * @param score  risk in [0, 1]
 * @param detail a human-readable explanation without the offending value; may be empty
 * @since 0.1.0
 */
public record Finding(String type, String rule, int start, int end, double score, String detail) {

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1] but was: " + score);
        }
        if (start < -1 || end < -1 || (start >= 0 && end < start)) {
            throw new IllegalArgumentException("span must be -1/-1 or 0 <= start <= end but was: [" + start + ", "
                    + end + ")");
        }
    }

    /** A finding about the whole text (no span). */
    public static Finding whole(String type, String rule, double score, String detail) {
        return new Finding(type, rule, -1, -1, score, detail);
    }

    /** Whether the finding points at a span of the text. */
    public boolean hasSpan() {
        return start >= 0;
    }
}
