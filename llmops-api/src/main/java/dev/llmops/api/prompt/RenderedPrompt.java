package dev.llmops.api.prompt;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.llmops.api.model.ModelRequest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A prompt version rendered with variables: the messages to send and the version's model
 * parameters.
 *
 * @param name       the prompt name
 * @param version    the resolved version number
 * @param messages   the rendered messages
 * @param parameters the version's model parameters, or {@code null} when it sets none
 * @since 0.1.0
 */
public record RenderedPrompt(String name, int version, List<ChatMessage> messages, ChatRequestParameters parameters) {

    public RenderedPrompt {
        Objects.requireNonNull(name, "name");
        messages = List.copyOf(messages);
    }

    public Optional<ChatRequestParameters> modelParameters() {
        return Optional.ofNullable(parameters);
    }

    /** {@code name@version}. */
    public String ref() {
        return name + "@" + version;
    }

    /** A model request for these messages, tagged with this prompt's name and version. */
    public ModelRequest.Builder toRequest() {
        ModelRequest.Builder b = ModelRequest.builder().messages(messages).promptRef(name, version);
        if (parameters != null) {
            b.parameters(parameters);
        }
        return b;
    }
}
