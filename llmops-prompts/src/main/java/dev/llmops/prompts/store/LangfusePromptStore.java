package dev.llmops.prompts.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.LoadException;
import dev.llmops.api.prompt.MessageRole;
import dev.llmops.api.prompt.ModelConfig;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptDraft;
import dev.llmops.api.prompt.PromptLabels;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.prompt.PromptRef;
import dev.llmops.api.prompt.PromptStore;
import dev.llmops.api.prompt.PromptVersion;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A read-only {@link PromptStore} over the Langfuse public prompt API
 * ({@code GET /api/public/v2/prompts/{name}?label=..|version=..}, basic auth with the public and
 * secret key), with a client-side cache so that a prompt server outage never breaks the host:
 * <ul>
 *   <li>a fetched version is fresh for the TTL (default 60 s) and served without a request;</li>
 *   <li>after the TTL it is refetched; if the server is unreachable or answers 5xx/429, the stale copy
 *       is served (a warning is logged);</li>
 *   <li>with no copy at all, the configured fallback for the name is served;</li>
 *   <li>404 means "no such prompt" ({@link #resolve} is empty); 401/403 throw
 *       {@link PromptStoreException} at once.</li>
 * </ul>
 *
 * <pre>{@code
 * PromptStore langfuse = LangfusePromptStore.builder("https://cloud.langfuse.com", publicKey, secretKey)
 *         .ttl(Duration.ofMinutes(5))
 *         .fallback("support-answer", PromptContent.text("Answer briefly: {{question}}"))
 *         .build();
 * PromptRegistry prompts = PromptRegistry.over(langfuse);
 * }</pre>
 *
 * <p>Mapping: {@code type} text/chat, {@code prompt} (text or {@code [{role, content}]}); config keys
 * {@code model}, {@code temperature}, {@code top_p}, {@code max_tokens}, {@code stop},
 * {@code response_format} ({@code text}/{@code json}), {@code json_schema} become the
 * {@link ModelConfig}; other config keys become metadata {@code config.<key>} (JSON text). The content
 * hash is computed on load (Langfuse stores none).
 *
 * <p><b>Thread safety:</b> thread-safe; share one instance. {@code toString()} never prints the keys.
 *
 * @since 0.1.0
 */
public final class LangfusePromptStore implements PromptStore {

    private static final Logger LOG = LoggerFactory.getLogger(LangfusePromptStore.class);

    private record Entry(PromptVersion version, Instant fetchedAt) {
    }

    private final HttpUrl baseUrl;
    private final String authorization;
    private final OkHttpClient client;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, PromptVersion> fallbacks;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    private LangfusePromptStore(Builder b) {
        this.baseUrl = b.baseUrl;
        this.authorization = Credentials.basic(b.publicKey, b.secretKey);
        this.client = b.client != null ? b.client : new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS).build();
        this.ttl = b.ttl;
        this.clock = b.clock;
        this.fallbacks = Map.copyOf(b.fallbacks);
    }

    /**
     * A builder for the Langfuse instance at {@code baseUrl}, e.g. {@code https://cloud.langfuse.com}.
     */
    public static Builder builder(String baseUrl, String publicKey, String secretKey) {
        return new Builder(baseUrl, publicKey, secretKey);
    }

    /**
     * A builder from {@code LANGFUSE_HOST} (default {@code https://cloud.langfuse.com}),
     * {@code LANGFUSE_PUBLIC_KEY} and {@code LANGFUSE_SECRET_KEY}.
     *
     * @throws IllegalStateException naming the variable that is not set
     */
    public static Builder fromEnv() {
        String host = Optional.ofNullable(System.getenv("LANGFUSE_HOST")).orElse("https://cloud.langfuse.com");
        return builder(host, env("LANGFUSE_PUBLIC_KEY"), env("LANGFUSE_SECRET_KEY"));
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return v;
    }

    @Override
    public Optional<PromptVersion> resolve(PromptRef ref) {
        String key = ref.toString();
        Instant now = clock.instant();
        Entry cached = cache.get(key);
        if (cached != null && cached.fetchedAt.plus(ttl).isAfter(now)) {
            return Optional.of(cached.version);
        }
        HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments("api/public/v2/prompts").addPathSegment(ref.name());
        if (ref.version().isPresent()) {
            url.addQueryParameter("version", Integer.toString(ref.version().getAsInt()));
        } else {
            url.addQueryParameter("label", ref.selector());
        }
        HttpUrl u = url.build();
        try {
            Optional<JsonNode> body = get(u);
            if (body.isEmpty()) {
                cache.remove(key);
                return Optional.empty();
            }
            PromptVersion v = parse(u.toString(), body.get(), ref.name());
            cache.put(key, new Entry(v, now));
            cache.put(v.ref(), new Entry(v, now));
            return Optional.of(v);
        } catch (Unavailable e) {
            if (cached != null) {
                LOG.warn("Langfuse prompt API unavailable ({}); serving cached {} fetched at {}", e.getMessage(),
                        cached.version.ref(), cached.fetchedAt);
                return Optional.of(cached.version);
            }
            PromptVersion fallback = fallbacks.get(ref.name());
            if (fallback != null) {
                LOG.warn("Langfuse prompt API unavailable ({}); serving the configured fallback for '{}'",
                        e.getMessage(), ref.name());
                return Optional.of(fallback);
            }
            throw new PromptStoreException("Langfuse prompt API unavailable for " + ref + " (" + e.getMessage()
                    + ") and there is no cached copy or fallback", e.status, e.getCause());
        }
    }

    /** The server could not be reached or answered 5xx/429. */
    private static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Unavailable(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }
    }

    /** GET a JSON body; empty on 404. */
    private Optional<JsonNode> get(HttpUrl url) throws Unavailable {
        Request request = new Request.Builder().url(url).header("Authorization", authorization)
                .header("Accept", "application/json").get().build();
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (code == 404) {
                return Optional.empty();
            }
            if (code == 401 || code == 403) {
                throw new PromptStoreException("Langfuse rejected the credentials (HTTP " + code + ") for GET "
                        + url.encodedPath() + "; check the public and secret key", code, null);
            }
            if (code >= 500 || code == 429) {
                throw new Unavailable("HTTP " + code, code, null);
            }
            if (code >= 300) {
                throw new PromptStoreException("Langfuse answered HTTP " + code + " for GET " + url.encodedPath()
                        + ": " + abbreviate(text), code, null);
            }
            try {
                return Optional.of(LlmOpsJson.reader().readTree(text));
            } catch (IOException e) {
                throw new LoadException(url.toString(), 0, null, "response is not JSON: " + abbreviate(text), e);
            }
        } catch (IOException e) {
            throw new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), 0, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    static PromptVersion parse(String source, JsonNode n, String expectedName) {
        String name = text(source, n, "name");
        if (!name.equals(expectedName)) {
            throw new LoadException(source, 0, "name", "expected '" + expectedName + "' but was: '" + name + "'");
        }
        JsonNode version = n.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() <= 0) {
            throw new LoadException(source, 0, "version", "expected a whole number > 0 but was: " + version);
        }
        String type = text(source, n, "type");
        JsonNode prompt = n.get("prompt");
        PromptContent content;
        if (type.equals("text")) {
            if (prompt == null || !prompt.isTextual()) {
                throw new LoadException(source, 0, "prompt", "expected the template text for a text prompt");
            }
            content = PromptContent.text(prompt.asText());
        } else if (type.equals("chat")) {
            if (prompt == null || !prompt.isArray() || prompt.isEmpty()) {
                throw new LoadException(source, 0, "prompt", "expected a non-empty list of messages for a chat prompt");
            }
            List<PromptMessage> ms = new ArrayList<>();
            for (int i = 0; i < prompt.size(); i++) {
                JsonNode m = prompt.get(i);
                String field = "prompt[" + i + "]";
                if (m.has("type") && !"chatmessage".equals(m.get("type").asText())) {
                    throw new LoadException(source, 0, field + ".type", "unsupported message type '"
                            + m.get("type").asText() + "' (only chat messages are supported)");
                }
                try {
                    ms.add(new PromptMessage(MessageRole.parse(text(source, m, "role", field + ".role")),
                            text(source, m, "content", field + ".content")));
                } catch (IllegalArgumentException e) {
                    throw new LoadException(source, 0, field + ".role", e.getMessage());
                }
            }
            content = PromptContent.chat(ms);
        } else {
            throw new LoadException(source, 0, "type", "expected 'text' or 'chat' but was: '" + type + "'");
        }
        JsonNode config = n.get("config");
        if (config != null && config.isObject()) {
            ModelConfig.Builder b = ModelConfig.builder();
            Map<String, String> meta = new TreeMap<>();
            for (Map.Entry<String, JsonNode> f : config.properties()) {
                JsonNode v = f.getValue();
                String field = "config." + f.getKey();
                try {
                    switch (f.getKey()) {
                        case "model" -> b.modelName(v.asText());
                        case "temperature" -> b.temperature(number(source, v, field));
                        case "top_p" -> b.topP(number(source, v, field));
                        case "max_tokens", "max_output_tokens" -> b.maxOutputTokens((int) number(source, v, field));
                        case "stop" -> {
                            List<String> stop = new ArrayList<>();
                            if (v.isArray()) {
                                v.forEach(s -> stop.add(s.asText()));
                            } else {
                                stop.add(v.asText());
                            }
                            b.stop(stop);
                        }
                        case "response_format" -> {
                            String t = v.isObject() ? v.path("type").asText() : v.asText();
                            if (t.startsWith("json")) {
                                b.format(ModelConfig.Format.JSON);
                            }
                            if (v.isObject() && v.has("json_schema")) {
                                JsonNode js = v.get("json_schema");
                                b.jsonSchema((js.has("schema") ? js.get("schema") : js).toString());
                            }
                        }
                        case "json_schema" -> b.jsonSchema(v.isTextual() ? v.asText() : v.toString());
                        default -> meta.put("config." + f.getKey(), v.isTextual() ? v.asText() : v.toString());
                    }
                } catch (IllegalArgumentException e) {
                    throw new LoadException(source, 0, field, e.getMessage());
                }
            }
            content = content.withConfig(b.build()).withMetadata(meta);
        }
        Instant createdAt = Instant.EPOCH;
        JsonNode created = n.get("createdAt");
        if (created != null && created.isTextual()) {
            try {
                createdAt = Instant.parse(created.asText());
            } catch (DateTimeParseException e) {
                throw new LoadException(source, 0, "createdAt", "expected an ISO-8601 instant but was: '"
                        + created.asText() + "'");
            }
        }
        String author = n.path("createdBy").isTextual() ? n.get("createdBy").asText() : "";
        String message = n.path("commitMessage").isTextual() ? n.get("commitMessage").asText() : "";
        return PromptVersion.of(name, version.asInt(), content, createdAt, author, message);
    }

    private static double number(String source, JsonNode v, String field) {
        if (!v.isNumber()) {
            throw new LoadException(source, 0, field, "expected a number but was: " + v);
        }
        return v.asDouble();
    }

    private static String text(String source, JsonNode n, String key) {
        return text(source, n, key, key);
    }

    private static String text(String source, JsonNode n, String key, String field) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new LoadException(source, 0, field, v == null ? "missing" : "expected text but was: " + v);
        }
        return v.asText();
    }

    /** Lists prompt metadata ({@code GET /api/public/v2/prompts}), following pagination. */
    private List<JsonNode> list(String name) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            HttpUrl.Builder u = baseUrl.newBuilder().addPathSegments("api/public/v2/prompts")
                    .addQueryParameter("page", Integer.toString(page)).addQueryParameter("limit", "100");
            if (name != null) {
                u.addQueryParameter("name", name);
            }
            JsonNode body;
            try {
                body = get(u.build()).orElse(null);
            } catch (Unavailable e) {
                throw new PromptStoreException("Langfuse prompt API unavailable while listing prompts ("
                        + e.getMessage() + ")", e.status, e.getCause());
            }
            if (body == null) {
                return out;
            }
            body.path("data").forEach(out::add);
            int totalPages = body.path("meta").path("totalPages").asInt(1);
            if (page >= totalPages) {
                return out;
            }
        }
    }

    @Override
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        list(null).forEach(d -> names.add(d.path("name").asText()));
        names.remove("");
        return List.copyOf(names);
    }

    @Override
    public List<PromptVersion> versions(String name) {
        TreeSet<Integer> numbers = new TreeSet<>();
        for (JsonNode d : list(name)) {
            if (name.equals(d.path("name").asText())) {
                d.path("versions").forEach(v -> numbers.add(v.asInt()));
            }
        }
        List<PromptVersion> out = new ArrayList<>();
        for (int v : numbers) {
            version(name, v).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<PromptVersion> version(String name, int version) {
        return version <= 0 ? Optional.empty() : resolve(PromptRef.version(name, version));
    }

    /** Label to current version (Langfuse keeps no label history); {@code latest} is left out. */
    @Override
    public PromptLabels labels(String name) {
        TreeSet<String> labels = new TreeSet<>();
        for (JsonNode d : list(name)) {
            if (name.equals(d.path("name").asText())) {
                d.path("labels").forEach(l -> labels.add(l.asText()));
            }
        }
        labels.remove(PromptRef.LATEST);
        Map<String, List<Integer>> history = new LinkedHashMap<>();
        for (String label : labels) {
            resolve(PromptRef.label(name, label)).ifPresent(v -> history.put(label, List.of(v.version())));
        }
        return new PromptLabels(history);
    }

    @Override
    public PromptVersion publish(PromptDraft draft) {
        throw new UnsupportedOperationException(this + " is read-only: cannot publish '" + draft.name()
                + "' (publish in Langfuse)");
    }

    @Override
    public PromptLabels updateLabels(String name, UnaryOperator<PromptLabels> update) {
        throw new UnsupportedOperationException(this + " is read-only: cannot update labels of '" + name
                + "' (promote in Langfuse)");
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String toString() {
        return "LangfusePromptStore[" + baseUrl + "]";
    }

    /** Builds a {@link LangfusePromptStore}. Not thread-safe. */
    public static final class Builder {
        private final HttpUrl baseUrl;
        private final String publicKey;
        private final String secretKey;
        private OkHttpClient client;
        private Duration ttl = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private final Map<String, PromptVersion> fallbacks = new HashMap<>();

        private Builder(String baseUrl, String publicKey, String secretKey) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            HttpUrl u = HttpUrl.parse(baseUrl);
            if (u == null) {
                throw new IllegalArgumentException("baseUrl must be an http(s) URL but was: '" + baseUrl + "'");
            }
            this.baseUrl = u;
            this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
            this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        }

        /** How long a fetched version is served without asking the server again; default 60 s. */
        public Builder ttl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must be >= 0 but was: " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /** The OkHttp client to use (share one per application). */
        public Builder okHttpClient(OkHttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The clock for cache ages. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Served for {@code version.name()} when the server is unavailable and nothing is cached. */
        public Builder fallback(PromptVersion version) {
            Objects.requireNonNull(version, "version");
            fallbacks.put(version.name(), version);
            return this;
        }

        /** Served as version 1 of {@code name} when the server is unavailable and nothing is cached. */
        public Builder fallback(String name, PromptContent content) {
            return fallback(PromptVersion.of(name, 1, content, Instant.EPOCH, "fallback",
                    "configured fallback prompt"));
        }

        public LangfusePromptStore build() {
            return new LangfusePromptStore(this);
        }
    }
}
