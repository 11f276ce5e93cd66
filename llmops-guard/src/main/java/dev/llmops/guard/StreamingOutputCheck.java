package dev.llmops.guard;

import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.Verdict;

import java.util.Objects;
import java.util.Optional;

/**
 * Validates a streamed answer in sentence windows: tokens are appended as they arrive and, each time
 * a sentence ends, the text received so far is checked; the first {@code BLOCK} stops the stream
 * instead of buffering the whole answer.
 *
 * <pre>{@code
 * StreamingOutputCheck check = StreamingOutputCheck.of(guardrails.output(), GuardContext.output());
 * // in a LangChain4j StreamingChatResponseHandler:
 * public void onPartialResponse(String token) {
 *     check.onToken(token).ifPresent(blocked -> cancelStream(blocked.reason()));
 * }
 * public void onCompleteResponse(ChatResponse r) {
 *     GuardResult finalResult = check.complete();
 * }
 * }</pre>
 *
 * <p>Each check covers the whole text up to the latest sentence end, so findings keep their spans
 * and a value split across tokens is still seen; the cost grows with the square of the number of
 * sentences, which is fine for answers of a few kilobytes.
 *
 * <p><b>Thread safety:</b> one instance per stream; its methods are synchronized, so tokens from a
 * callback thread and a final {@link #complete()} from another are safe.
 *
 * @since 0.1.0
 */
public final class StreamingOutputCheck {

    private final Guard guard;
    private final GuardContext context;
    private final StringBuilder text = new StringBuilder();
    private int checkedUpTo;
    private GuardResult blocked;

    private StreamingOutputCheck(Guard guard, GuardContext context) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** A check of one stream with {@code guard} (typically {@code guardrails.output()}). */
    public static StreamingOutputCheck of(Guard guard, GuardContext context) {
        return new StreamingOutputCheck(guard, context);
    }

    /**
     * Appends a token; when a sentence has ended, checks the text so far.
     *
     * @return the blocking result when the stream must stop (also for every token after that)
     */
    public synchronized Optional<GuardResult> onToken(String token) {
        Objects.requireNonNull(token, "token");
        if (blocked != null) {
            return Optional.of(blocked);
        }
        text.append(token);
        int end = lastSentenceEnd();
        if (end > checkedUpTo) {
            checkedUpTo = end;
            GuardResult r = guard.check(text.substring(0, end), context);
            if (r.verdict() == Verdict.BLOCK) {
                blocked = r;
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether a check has blocked the stream. */
    public synchronized boolean stopped() {
        return blocked != null;
    }

    /** The text received so far. */
    public synchronized String text() {
        return text.toString();
    }

    /** Checks the complete text (call when the stream ends); returns the blocking result if one stopped it. */
    public synchronized GuardResult complete() {
        if (blocked != null) {
            return blocked;
        }
        return guard.check(text.toString(), context);
    }

    private int lastSentenceEnd() {
        for (int i = text.length() - 1; i >= checkedUpTo; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if ((c == '.' || c == '!' || c == '?') && i + 1 < text.length()
                    && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        return -1;
    }
}
