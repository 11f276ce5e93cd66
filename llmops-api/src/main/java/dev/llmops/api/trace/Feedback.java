package dev.llmops.api.trace;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Objects;

/**
 * User feedback on a traced answer, linked to its trace by {@code traceId}.
 *
 * @param traceId the trace the feedback is about ({@code Generation.traceId()})
 * @param score   a score in [0, 1] (thumbs down = 0, thumbs up = 1)
 * @param comment free text, may be empty
 * @param at      when the feedback was recorded
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Feedback(String traceId, double score, String comment, Instant at) implements TraceEvent {

    public Feedback {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1] but was: " + score);
        }
    }
}
