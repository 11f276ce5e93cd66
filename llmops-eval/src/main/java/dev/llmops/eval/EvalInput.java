package dev.llmops.eval;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.llmops.api.model.CacheMode;
import dev.llmops.api.model.ModelRequest;
import dev.llmops.api.trace.TraceContext;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target receives for one case (and one sample): the case, the prompt rendered with the case's
 * variables (empty when the suite has no prompts), how to use the response cache, and the case's span.
 *
 * <p>Immutable and thread-safe.
 *
 * @param testCase   the case
 * @param promptId   the prompt's id in the suite ({@code name@label} or the inline id); empty without prompts
 * @param messages   the rendered prompt; empty without prompts
 * @param parameters model parameters the prompt version carries
 * @param promptName the prompt name for tracing; empty for inline prompts
 * @param promptVersion the resolved version; 0 when unknown
 * @param cacheMode  {@link CacheMode#BYPASS} for repeated samples and explicit bypass, else the run's mode
 * @param parent     the case's {@code EVAL_CASE} span, when a tracer is configured
 * @since 0.1.0
 */
public record EvalInput(EvalCase testCase, String promptId, List<ChatMessage> messages,
                        Optional<ChatRequestParameters> parameters, Optional<String> promptName, int promptVersion,
                        CacheMode cacheMode, Optional<TraceContext> parent) {

    public EvalInput {
        Objects.requireNonNull(testCase, "testCase");
        Objects.requireNonNull(promptId, "promptId");
        messages = List.copyOf(messages);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(promptName, "promptName");
        Objects.requireNonNull(cacheMode, "cacheMode");
        Objects.requireNonNull(parent, "parent");
    }

    /** An input for a case without prompt, cache or trace, e.g. to call a target by hand. */
    public static EvalInput of(EvalCase testCase) {
        return new EvalInput(testCase, "", List.of(), Optional.empty(), Optional.empty(), 0, CacheMode.USE,
                Optional.empty());
    }

    /** The case's variables. */
    public Map<String, String> vars() {
        return testCase.vars();
    }

    /**
     * The model request for this input: the rendered prompt, or without prompts one user message with the
     * case's question (else its only variable); tagged with cache mode, parent span and prompt version.
     *
     * @throws IllegalStateException when there is no prompt and no single variable to send
     */
    public ModelRequest toRequest() {
        List<ChatMessage> msgs = messages;
        if (msgs.isEmpty()) {
            String text = testCase.question().orElseGet(() -> {
                if (testCase.vars().size() == 1) {
                    return testCase.vars().values().iterator().next();
                }
                throw new IllegalStateException("case '" + testCase.id() + "' has no prompt and no 'question', "
                        + "'query' or 'input' variable to send; vars were: " + testCase.vars().keySet());
            });
            msgs = List.of(UserMessage.from(text));
        }
        ModelRequest.Builder b = ModelRequest.builder().messages(msgs).cacheMode(cacheMode);
        parameters.ifPresent(b::parameters);
        parent.ifPresent(b::parent);
        promptName.ifPresent(n -> b.promptRef(n, promptVersion));
        return b.build();
    }
}
