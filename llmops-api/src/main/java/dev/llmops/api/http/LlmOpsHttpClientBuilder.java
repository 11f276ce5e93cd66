package dev.llmops.api.http;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Objects;

/**
 * Builds the OkHttp-backed LangChain4j {@link HttpClient}. Pass an existing {@link OkHttpClient}
 * with {@link #okHttpClient} to share its connection pool and interceptors; timeouts set here are
 * applied on top of it.
 *
 * <p>Not thread-safe (a builder); the client it builds is thread-safe.
 *
 * @since 0.1.0
 */
public final class LlmOpsHttpClientBuilder implements HttpClientBuilder {

    private OkHttpClient base;
    private Duration connectTimeout;
    private Duration readTimeout;

    private LlmOpsHttpClientBuilder() {
    }

    public static LlmOpsHttpClientBuilder create() {
        return new LlmOpsHttpClientBuilder();
    }

    /** Start from this OkHttp client (shares its pool, dispatcher and interceptors). */
    public LlmOpsHttpClientBuilder okHttpClient(OkHttpClient client) {
        this.base = Objects.requireNonNull(client, "client");
        return this;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public LlmOpsHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public LlmOpsHttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        OkHttpClient.Builder b = base == null ? new OkHttpClient.Builder() : base.newBuilder();
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        if (readTimeout != null) {
            b.readTimeout(readTimeout);
            b.callTimeout(Duration.ZERO);
        }
        b.retryOnConnectionFailure(false); // retries are the gateway's job, and must be counted
        return new OkHttpLangChainClient(b.build());
    }
}
