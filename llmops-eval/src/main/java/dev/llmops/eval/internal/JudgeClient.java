package dev.llmops.eval.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.llmops.api.LlmOpsException;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ModelRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks a judge model for a JSON verdict and parses it strictly into a record: unknown fields, missing
 * fields, nulls for primitives, trailing text and wrong types are all parse errors. The only leniency is
 * surrounding whitespace and one enclosing Markdown code fence. A reply that does not parse is sent back
 * with the parse error for another attempt; after the last attempt the error and the raw reply are
 * returned. Thread-safe.
 */
public final class JudgeClient {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    private static final String SYSTEM = "You are a strict evaluator. Reply with one JSON object exactly as "
            + "specified and nothing else: no prose, no Markdown.";

    private final LanguageModel judge;
    private final int maxAttempts;

    public JudgeClient(LanguageModel judge, int maxAttempts) {
        this.judge = Objects.requireNonNull(judge, "judge");
        if (maxAttempts <= 0) {
            throw new IllegalArgumentException("maxAttempts must be > 0 but was: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public String judgeName() {
        return judge.name();
    }

    /**
     * The verdict, or the error and the last raw reply.
     *
     * @param <T>     the verdict record
     * @param value   the parsed verdict, when parsing succeeded
     * @param rawReply the last reply (empty when the model call itself failed)
     * @param error   what went wrong, when it did
     * @param attempts replies received
     */
    public record Verdict<T>(Optional<T> value, String rawReply, String error, int attempts) {
    }

    /** Sends {@code prompt} and parses the reply into {@code type}. */
    public <T> Verdict<T> ask(String prompt, Class<T> type) {
        return ask(prompt, type, v -> "");
    }

    /**
     * Sends {@code prompt} and parses the reply into {@code type}; {@code check} returns a non-empty
     * message when a parsed verdict is still unusable (e.g. the wrong number of entries), which counts as a
     * parse error.
     */
    public <T> Verdict<T> ask(String prompt, Class<T> type, java.util.function.Function<T, String> check) {
        ObjectReader reader = STRICT.readerFor(type);
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(SYSTEM), UserMessage.from(prompt)));
        String raw = "";
        String error = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                raw = judge.generate(ModelRequest.builder().messages(messages).build()).text();
            } catch (LlmOpsException | IllegalStateException e) {
                return new Verdict<>(Optional.empty(), raw, "judge call failed: " + e.getMessage(), attempt - 1);
            }
            try {
                T value = reader.readValue(stripFence(raw));
                if (value == null) {
                    throw new IllegalArgumentException("reply was JSON null");
                }
                String problem = check.apply(value);
                if (!problem.isEmpty()) {
                    throw new IllegalArgumentException(problem);
                }
                return new Verdict<>(Optional.of(value), raw, "", attempt);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                error = describe(e);
                messages.add(AiMessage.from(raw.isEmpty() ? "(empty reply)" : raw));
                messages.add(UserMessage.from("Your reply could not be parsed: " + error
                        + "\nReply again with only the JSON object in the requested format."));
            }
        }
        return new Verdict<>(Optional.empty(), raw, "judge reply could not be parsed after " + maxAttempts
                + " attempt(s): " + error, maxAttempts);
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException j) {
            String msg = j.getOriginalMessage();
            if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
                return "field '" + SuiteJson.path(m.getPath()) + "': " + firstLine(msg);
            }
            return firstLine(msg);
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return firstLine(String.valueOf(root.getMessage()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String stripFence(String raw) {
        String t = raw.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            if (nl > 0 && t.endsWith("```") && t.length() >= nl + 4) {
                return t.substring(nl + 1, t.length() - 3).strip();
            }
        }
        return t;
    }
}
