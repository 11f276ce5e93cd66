package dev.llmops.guard;

/**
 * One piece of personal data a {@link PiiRecognizer} found. Immutable and thread-safe.
 *
 * @param type  the entity type in upper snake case, e.g. {@code EMAIL}; becomes the placeholder
 *              prefix ({@code <EMAIL_1>}) and the finding type
 * @param start start offset in the text (inclusive)
 * @param end   end offset (exclusive)
 * @param score confidence in [0, 1]
 * @since 0.1.0
 */
public record PiiMatch(String type, int start, int end, double score) {

    public PiiMatch {
        Guards.requireType(type);
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start < end but was: [" + start + ", " + end + ")");
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1] but was: " + score);
        }
    }
}
