/**
 * Input and output guardrails: the {@link dev.llmops.guard.Guardrails} façade, the built-in guards
 * from {@link dev.llmops.guard.Guards} (PII, secrets, prompt injection, invisible text, content
 * rules, limits, JSON structure, refusal, leaks, groundedness) and the
 * {@link dev.llmops.guard.PiiRecognizer} extension point.
 *
 * <p>Null policy: parameters are non-null (checked, {@code NullPointerException} naming the
 * parameter); absent values are {@link java.util.Optional}; collections are never null.
 *
 * @since 0.1.0
 */
package dev.llmops.guard;
