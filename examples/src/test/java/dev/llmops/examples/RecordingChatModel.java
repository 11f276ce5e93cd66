package dev.llmops.examples;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmops.api.model.TokenEstimator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A chat model decorator that records every request it forwards. Thread-safe. */
final class RecordingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

    RecordingChatModel(ChatModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        return delegate.chat(request);
    }

    List<ChatRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Every message text the model was sent, one string per request. */
    List<String> requestTexts() {
        return requests().stream().map(r -> String.join("\n", r.messages().stream().map(TokenEstimator::textOf)
                .toList())).toList();
    }
}
