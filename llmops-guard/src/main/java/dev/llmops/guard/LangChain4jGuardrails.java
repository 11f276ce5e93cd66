package dev.llmops.guard;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.model.TokenEstimator;

import java.util.Objects;

/**
 * Adapters that run any {@link Guard} (a single guard or a {@link Guardrails} stage) as a LangChain4j
 * {@link InputGuardrail} or {@link OutputGuardrail} in AI Services.
 *
 * <pre>{@code
 * Guardrails rails = Guardrails.builder().input(Guards.pii().redact(), Guards.promptInjection())
 *         .output(Guards.noPiiLeak(), Guards.refusal()).build();
 * Assistant assistant = AiServices.builder(Assistant.class)
 *         .chatModel(model)
 *         .inputGuardrails(LangChain4jGuardrails.input(rails.input()))
 *         .outputGuardrails(LangChain4jGuardrails.output(rails.output()))
 *         .build();
 * }</pre>
 *
 * <p>Mapping: {@code PASS} → success; {@code PASS_WITH_REWRITE} → success with the sanitized text;
 * {@code REPROMPT} → failure (input) or re-prompt with the reason (output, LangChain4j bounds the
 * retries); {@code BLOCK} → fatal. Failure messages carry the result's reason, never the offending
 * values. The output adapter checks with {@link GuardContext#output()}, so it has no retrieved
 * chunks: run groundedness in the chain instead.
 *
 * <p>Stateless; the adapters are thread-safe when the guard is.
 *
 * @since 0.1.0
 */
public final class LangChain4jGuardrails {

    private LangChain4jGuardrails() {
    }

    /** The guard as an input guardrail. */
    public static InputGuardrail input(Guard guard) {
        Objects.requireNonNull(guard, "guard");
        return new InputGuardrail() {
            @Override
            public InputGuardrailResult validate(UserMessage userMessage) {
                GuardResult r = guard.check(TokenEstimator.textOf(userMessage), GuardContext.input());
                return switch (r.verdict()) {
                    case PASS -> success();
                    case PASS_WITH_REWRITE -> successWith(r.sanitizedText());
                    case REPROMPT -> failure(guard.name() + ": " + r.reason());
                    case BLOCK -> fatal(guard.name() + ": " + r.reason());
                };
            }

            @Override
            public String toString() {
                return "InputGuardrail[" + guard.name() + "]";
            }
        };
    }

    /** The guard as an output guardrail. */
    public static OutputGuardrail output(Guard guard) {
        Objects.requireNonNull(guard, "guard");
        return new OutputGuardrail() {
            @Override
            public OutputGuardrailResult validate(AiMessage responseFromLLM) {
                String text = responseFromLLM.text() == null ? "" : responseFromLLM.text();
                GuardResult r = guard.check(text, GuardContext.output());
                return switch (r.verdict()) {
                    case PASS -> success();
                    case PASS_WITH_REWRITE -> successWith(r.sanitizedText());
                    case REPROMPT -> reprompt(guard.name() + ": " + r.reason(),
                            "Your previous answer was rejected (" + r.reason() + "). Answer again and fix this.");
                    case BLOCK -> fatal(guard.name() + ": " + r.reason());
                };
            }

            @Override
            public String toString() {
                return "OutputGuardrail[" + guard.name() + "]";
            }
        };
    }
}
