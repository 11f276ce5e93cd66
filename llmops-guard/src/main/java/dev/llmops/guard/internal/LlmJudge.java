package dev.llmops.guard.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ModelRequest;

import java.util.Optional;

/**
 * Asks a {@link LanguageModel} for a verdict as strict JSON
 * ({@code {"verdict":"attack"|"benign"|"supported"|..., "score":0.0-1.0, "reason":"..."}}). Anything else
 * (prose, a missing or out-of-range field, an unknown verdict) is rejected, never guessed.
 * Thread-safe when the model is.
 */
public final class LlmJudge {

    /** A parsed verdict: whether the judge flagged the text, its 0-1 score and a short reason. */
    public record Verdict(boolean flagged, double score, String reason) {
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final LanguageModel model;
    private final String instructions;
    private final String flaggedLabel;
    private final String passLabel;

    public LlmJudge(LanguageModel model, String instructions, String flaggedLabel, String passLabel) {
        this.model = model;
        this.instructions = instructions;
        this.flaggedLabel = flaggedLabel;
        this.passLabel = passLabel;
    }

    public String modelName() {
        return model.name();
    }

    /**
     * Judges {@code text}.
     *
     * @return the verdict, or empty when the model failed or answered with anything but the JSON
     */
    public Optional<Verdict> judge(String text, GuardContext context) {
        return ask(model, instructions, "<text>\n" + text + "\n</text>", 200, context).flatMap(this::parse);
    }

    /**
     * One deterministic (temperature 0) judge call under the guard's trace parent: the answer's
     * text, or empty when the call fails in any way (a ModelException, a test double running out, a
     * provider bug), which a judge treats as no verdict.
     */
    static Optional<String> ask(LanguageModel model, String system, String user, int maxOutputTokens,
                                GuardContext context) {
        ModelRequest.Builder b = ModelRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(user))
                .parameters(ChatRequestParameters.builder().temperature(0.0).maxOutputTokens(maxOutputTokens).build());
        context.parent().ifPresent(b::parent);
        try {
            return Optional.ofNullable(model.generate(b.build()).text());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a strict JSON verdict; a single surrounding ```json fence is tolerated. */
    public Optional<Verdict> parse(String answer) {
        JsonNode n = strictJson(answer).orElse(null);
        if (n == null || !n.isObject() || !n.path("verdict").isTextual() || !n.path("score").isNumber()) {
            return Optional.empty();
        }
        String v = n.get("verdict").asText();
        double score = n.get("score").asDouble();
        if (!(score >= 0 && score <= 1) || !(v.equals(flaggedLabel) || v.equals(passLabel))) {
            return Optional.empty();
        }
        String reason = n.path("reason").isTextual() ? n.get("reason").asText() : "";
        return Optional.of(new Verdict(v.equals(flaggedLabel), score, reason.length() > 200 ? reason.substring(0, 200) : reason));
    }

    /**
     * A judge's answer as one strict JSON value (no duplicate keys, no trailing tokens; a single
     * surrounding ```json fence is tolerated), or empty for anything else. Shared by the judges.
     */
    public static Optional<JsonNode> strictJson(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        String s = answer.strip();
        if (s.startsWith("```")) {
            int nl = s.indexOf('\n');
            if (nl < 0 || !s.endsWith("```")) {
                return Optional.empty();
            }
            s = s.substring(nl + 1, s.length() - 3).strip();
        }
        try {
            return Optional.ofNullable(STRICT.readTree(s));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
