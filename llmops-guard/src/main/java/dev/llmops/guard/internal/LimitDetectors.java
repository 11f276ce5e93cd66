package dev.llmops.guard.internal;

import dev.llmops.api.model.TokenEstimator;

import java.util.List;

/** Length limits in characters and estimated tokens. Stateless. */
public final class LimitDetectors {

    private LimitDetectors() {
    }

    public static Detector maxChars(int max) {
        return (text, ctx) -> text.length() <= max ? List.of()
                : List.of(Detection.whole("TOO_LONG", "limit.max_chars", 1.0,
                text.length() + " chars; the limit is " + max));
    }

    public static Detector maxTokens(int max) {
        return (text, ctx) -> {
            int tokens = TokenEstimator.estimate(text);
            return tokens <= max ? List.of()
                    : List.of(Detection.whole("TOO_MANY_TOKENS", "limit.max_tokens", 1.0,
                    "about " + tokens + " tokens; the limit is " + max));
        };
    }
}
