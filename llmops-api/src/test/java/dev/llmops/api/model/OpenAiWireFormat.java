package dev.llmops.api.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.llmops.api.http.LlmOpsHttpClientBuilder;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

import java.time.Duration;

/** Helpers to speak the OpenAI chat-completions wire format from a MockWebServer. */
final class OpenAiWireFormat {

    private OpenAiWireFormat() {
    }

    static String completion(String model, String content, int promptTokens, int completionTokens) {
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens)
                + "}}";
    }

    static MockResponse ok(String model, String content, int promptTokens, int completionTokens) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setHeader("Connection", "close")
                .setBody(completion(model, content, promptTokens, completionTokens));
    }

    static MockResponse error(int status) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setHeader("Connection", "close")
                .setBody("{\"error\":{\"message\":\"status " + status + "\",\"type\":\"test\"}}");
    }

    /** The real LangChain4j OpenAI client, on our OkHttp transport, with its own retries off. */
    static ChatModel client(MockWebServer server, String model, Duration readTimeout) {
        return OpenAiChatModel.builder()
                .baseUrl(server.url("/v1").toString())
                .apiKey("sk-test")
                .modelName(model)
                .timeout(readTimeout)
                .httpClientBuilder(LlmOpsHttpClientBuilder.create().readTimeout(readTimeout)
                        .connectTimeout(Duration.ofSeconds(2)))
                .maxRetries(0)
                .build();
    }
}
