package dev.llmops.api.model;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmops.api.cache.CacheKeys;
import dev.llmops.api.cache.CachedResponse;
import dev.llmops.api.cache.ResponseCache;
import dev.llmops.api.http.RetryAfterAware;
import dev.llmops.api.trace.GenAiAttributes;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.Span;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link LanguageModel} gateway over a LangChain4j {@link ChatModel}: retries with backoff and
 * jitter on retriable failures only, per-attempt and total timeouts, a fallback model, a cap on
 * calls in flight, an exact-match response cache, pricing, and a span per call with a child span
 * per attempt.
 *
 * <p>Configuration is derived, never mutated: each {@code withX} returns a new gateway that shares
 * the underlying model, the timeout thread pool and (unless the cap changes) the in-flight limit.
 *
 * <pre>{@code
 * ModelGateway primary = LanguageModel.of(openAi)
 *         .withRetries(3)
 *         .withTimeout(Duration.ofSeconds(30))
 *         .withMaxInFlight(16)
 *         .withFallback(LanguageModel.of(localOllama))
 *         .withCache(DiskResponseCache.open(Path.of(".llmops/cache"), Duration.ofDays(7)))
 *         .withTracer(tracer);
 * }</pre>
 *
 * <p>For Retry-After to be honoured, the HTTP client under the LangChain4j model must expose the
 * header: build OpenAI-compatible models with {@code .httpClientBuilder(LlmOpsHttpClientBuilder.create())}
 * and {@code .maxRetries(0)} (so the gateway, not the client, retries).
 *
 * <p><b>Thread safety:</b> immutable and thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class ModelGateway implements LanguageModel {

    private static final Logger LOG = LoggerFactory.getLogger(ModelGateway.class);

    private final ChatModel chatModel;
    private final String name;
    private final RetryPolicy retryPolicy;
    private final Timeouts timeouts;
    private final LanguageModel fallback;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final ResponseCache cache;
    private final Tracer tracer;
    private final ModelPricing pricing;
    private final Shared shared;

    /** State shared by every gateway derived from one {@link LanguageModel#of} call. */
    private static final class Shared {
        private volatile ExecutorService executor;

        ExecutorService executor() {
            ExecutorService e = executor;
            if (e == null) {
                synchronized (this) {
                    e = executor;
                    if (e == null) {
                        AtomicInteger n = new AtomicInteger();
                        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                                new SynchronousQueue<>(), r -> {
                            Thread t = new Thread(r, "llmops-model-call-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                        executor = e = pool;
                    }
                }
            }
            return e;
        }
    }

    private ModelGateway(ChatModel chatModel, String name, RetryPolicy retryPolicy, Timeouts timeouts,
                         LanguageModel fallback, int maxInFlight, Semaphore inFlight, ResponseCache cache,
                         Tracer tracer, ModelPricing pricing, Shared shared) {
        this.chatModel = chatModel;
        this.name = name;
        this.retryPolicy = retryPolicy;
        this.timeouts = timeouts;
        this.fallback = fallback;
        this.maxInFlight = maxInFlight;
        this.inFlight = inFlight;
        this.cache = cache;
        this.tracer = tracer;
        this.pricing = pricing;
        this.shared = shared;
    }

    static ModelGateway over(ChatModel chatModel) {
        Objects.requireNonNull(chatModel, "chatModel");
        return new ModelGateway(chatModel, defaultName(chatModel), RetryPolicy.NONE, Timeouts.NONE, null, 0, null,
                null, Tracer.noop(), ModelPricing.defaults(), new Shared());
    }

    private static String defaultName(ChatModel chatModel) {
        try {
            ChatRequestParameters p = chatModel.defaultRequestParameters();
            if (p != null && p.modelName() != null && !p.modelName().isBlank()) {
                return p.modelName();
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read default parameters of {}", chatModel.getClass().getName(), e);
        }
        return chatModel.getClass().getSimpleName();
    }

    private ModelGateway copy(String name, RetryPolicy retryPolicy, Timeouts timeouts, LanguageModel fallback,
                              int maxInFlight, Semaphore inFlight, ResponseCache cache, Tracer tracer,
                              ModelPricing pricing) {
        return new ModelGateway(chatModel, name, retryPolicy, timeouts, fallback, maxInFlight, inFlight, cache, tracer,
                pricing, shared);
    }

    /** A copy with another model id (for traces, cache keys and pricing). */
    public ModelGateway withName(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was: " + newName);
        }
        return copy(newName, retryPolicy, timeouts, fallback, maxInFlight, inFlight, cache, tracer, pricing);
    }

    /** A copy that retries retriable failures up to {@code maxRetries} times with default backoff. */
    public ModelGateway withRetries(int maxRetries) {
        return withRetryPolicy(retryPolicy.withMaxRetries(maxRetries));
    }

    public ModelGateway withRetryPolicy(RetryPolicy policy) {
        return copy(name, Objects.requireNonNull(policy, "policy"), timeouts, fallback, maxInFlight, inFlight, cache,
                tracer, pricing);
    }

    /** A copy with a per-attempt timeout. */
    public ModelGateway withTimeout(Duration perAttempt) {
        return withTimeouts(timeouts.withPerAttempt(perAttempt));
    }

    public ModelGateway withTimeouts(Timeouts newTimeouts) {
        return copy(name, retryPolicy, Objects.requireNonNull(newTimeouts, "timeouts"), fallback, maxInFlight, inFlight,
                cache, tracer, pricing);
    }

    /** A copy that, when this model fails after its retries, asks {@code fallbackModel} instead. */
    public ModelGateway withFallback(LanguageModel fallbackModel) {
        Objects.requireNonNull(fallbackModel, "fallback");
        if (fallbackModel == this) {
            throw new IllegalArgumentException("a model cannot be its own fallback");
        }
        return copy(name, retryPolicy, timeouts, fallbackModel, maxInFlight, inFlight, cache, tracer, pricing);
    }

    /**
     * A copy with at most {@code max} attempts in flight at once (across every thread using this
     * gateway and copies derived from it with the same cap). Callers beyond the cap wait, up to the
     * total timeout when one is set.
     */
    public ModelGateway withMaxInFlight(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxInFlight must be > 0 but was: " + max);
        }
        return copy(name, retryPolicy, timeouts, fallback, max, new Semaphore(max, true), cache, tracer, pricing);
    }

    /** A copy that reads and writes {@code responseCache}. */
    public ModelGateway withCache(ResponseCache responseCache) {
        return copy(name, retryPolicy, timeouts, fallback, maxInFlight, inFlight,
                Objects.requireNonNull(responseCache, "cache"), tracer, pricing);
    }

    /** A copy without a cache. */
    public ModelGateway withoutCache() {
        return copy(name, retryPolicy, timeouts, fallback, maxInFlight, inFlight, null, tracer, pricing);
    }

    public ModelGateway withTracer(Tracer newTracer) {
        return copy(name, retryPolicy, timeouts, fallback, maxInFlight, inFlight, cache,
                Objects.requireNonNull(newTracer, "tracer"), pricing);
    }

    public ModelGateway withPricing(ModelPricing newPricing) {
        return copy(name, retryPolicy, timeouts, fallback, maxInFlight, inFlight, cache, tracer,
                Objects.requireNonNull(newPricing, "pricing"));
    }

    @Override
    public String name() {
        return name;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public Optional<LanguageModel> fallback() {
        return Optional.ofNullable(fallback);
    }

    public Optional<ResponseCache> cache() {
        return Optional.ofNullable(cache);
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The underlying LangChain4j model. */
    public ChatModel chatModel() {
        return chatModel;
    }

    @Override
    public Generation generate(ModelRequest request) {
        Objects.requireNonNull(request, "request");
        long startNanos = System.nanoTime();
        long deadline = timeouts.totalLimit().map(d -> startNanos + d.toNanos()).orElse(Long.MAX_VALUE);
        Span call = tracer.start("chat " + name, SpanKind.MODEL_CALL, request.parent());
        try {
            describe(call, request);
            CacheMode mode = cache == null ? CacheMode.BYPASS : request.cacheMode();
            call.set(LlmOpsAttributes.CACHE_MODE, mode.name().toLowerCase(java.util.Locale.ROOT));
            String key = mode == CacheMode.BYPASS ? null
                    : CacheKeys.key(name, request.messages(), request.parameters().orElse(null));
            if (mode == CacheMode.USE) {
                Optional<CachedResponse> hit = lookup(key);
                if (hit.isPresent()) {
                    return fromCache(hit.get(), call, startNanos);
                }
            }
            call.set(LlmOpsAttributes.CACHE_HIT, false);
            ChatRequest chatRequest = request.toChatRequest();
            ChatResponse response;
            int attempts;
            try {
                Attempted a = callWithRetries(chatRequest, call, deadline);
                response = a.response;
                attempts = a.attempts;
            } catch (ModelException primaryFailure) {
                if (fallback == null || primaryFailure.kind() == ModelException.Kind.INTERRUPTED) {
                    throw primaryFailure;
                }
                return viaFallback(request, call, startNanos, primaryFailure);
            }
            Generation g = toGeneration(request, response, attempts, call, startNanos);
            if (key != null) {
                store(key, g);
            }
            return g;
        } catch (RuntimeException e) {
            call.fail(e);
            if (e instanceof ModelException me) {
                call.set(GenAiAttributes.ERROR_TYPE, me.kind().name());
            }
            throw e;
        } finally {
            call.end();
        }
    }

    private void describe(Span call, ModelRequest request) {
        call.set(GenAiAttributes.OPERATION_NAME, "chat");
        call.set(GenAiAttributes.SYSTEM, provider());
        call.set(GenAiAttributes.REQUEST_MODEL, name);
        request.parameters().ifPresent(p -> {
            call.set(GenAiAttributes.REQUEST_TEMPERATURE, p.temperature());
            call.set(GenAiAttributes.REQUEST_TOP_P, p.topP());
            if (p.maxOutputTokens() != null) {
                call.set(GenAiAttributes.REQUEST_MAX_TOKENS, p.maxOutputTokens().longValue());
            }
            if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
                call.set(GenAiAttributes.REQUEST_STOP_SEQUENCES, p.stopSequences());
            }
        });
        request.promptName().ifPresent(p -> {
            call.set(LlmOpsAttributes.PROMPT_NAME, p);
            call.set(LlmOpsAttributes.PROMPT_VERSION, (long) request.promptVersion());
            call.set(LlmOpsAttributes.PROMPT_REF, p + "@" + request.promptVersion());
        });
        if (tracer.capturesContent()) {
            StringBuilder sb = new StringBuilder();
            request.messages().forEach(m -> sb.append(m.type()).append(": ").append(TokenEstimator.textOf(m))
                    .append('\n'));
            call.setContent(GenAiAttributes.PROMPT, sb.toString());
        }
    }

    private String provider() {
        try {
            Object p = chatModel.provider();
            return p == null ? "langchain4j" : p.toString().toLowerCase(java.util.Locale.ROOT);
        } catch (RuntimeException e) {
            return "langchain4j";
        }
    }

    private Optional<CachedResponse> lookup(String key) {
        try {
            return cache.get(key);
        } catch (RuntimeException e) {
            LOG.warn("response cache lookup failed; calling the model: {}", e.toString());
            return Optional.empty();
        }
    }

    private void store(String key, Generation g) {
        try {
            cache.put(key, new CachedResponse(g.text(), g.finishReason(), g.model(), g.usage().inputTokens(),
                    g.usage().outputTokens(), g.usage().estimated(), Instant.now()));
        } catch (RuntimeException e) {
            LOG.warn("response cache write failed; the answer is returned uncached: {}", e.toString());
        }
    }

    private Generation fromCache(CachedResponse hit, Span call, long startNanos) {
        Usage usage = new Usage(hit.inputTokens(), hit.outputTokens(), hit.usageEstimated());
        call.set(LlmOpsAttributes.CACHE_HIT, true);
        call.set(GenAiAttributes.RESPONSE_MODEL, hit.model());
        call.set(GenAiAttributes.USAGE_INPUT_TOKENS, (long) usage.inputTokens());
        call.set(GenAiAttributes.USAGE_OUTPUT_TOKENS, (long) usage.outputTokens());
        call.set(LlmOpsAttributes.COST_USD, 0.0);
        call.set(LlmOpsAttributes.ATTEMPTS, 0L);
        call.setContent(GenAiAttributes.COMPLETION, hit.text());
        return Generation.builder().text(hit.text()).finishReason(hit.finishReason()).model(hit.model()).usage(usage)
                .cost(Cost.ZERO).latency(Duration.ofNanos(System.nanoTime() - startNanos)).cacheHit(true)
                .traceId(call.traceId()).attempts(0).build();
    }

    private Generation viaFallback(ModelRequest request, Span call, long startNanos, ModelException primaryFailure) {
        LOG.debug("model {} failed ({}); trying fallback {}", name, primaryFailure.kind(), fallback.name());
        call.set(LlmOpsAttributes.FALLBACK_USED, true);
        Generation g;
        try {
            g = fallback.generate(request.toBuilder().parent(call.context()).build());
        } catch (RuntimeException fallbackFailure) {
            fallbackFailure.addSuppressed(primaryFailure);
            throw fallbackFailure;
        }
        return g.toBuilder().latency(Duration.ofNanos(System.nanoTime() - startNanos)).traceId(call.traceId())
                .fallbackUsed(true).build();
    }

    private record Attempted(ChatResponse response, int attempts) {
    }

    private Attempted callWithRetries(ChatRequest chatRequest, Span call, long deadline) {
        int maxAttempts = retryPolicy.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Span span = call.child("attempt " + attempt, SpanKind.MODEL_ATTEMPT);
            span.set(LlmOpsAttributes.ATTEMPT, (long) attempt);
            call.set(LlmOpsAttributes.ATTEMPTS, (long) attempt);
            Duration delay;
            try {
                ChatResponse r = attemptOnce(chatRequest, attempt, maxAttempts, deadline);
                span.end();
                return new Attempted(r, attempt);
            } catch (ModelException failure) {
                span.fail(failure).set(GenAiAttributes.ERROR_TYPE, failure.kind().name());
                delay = retryDelay(failure, attempt, maxAttempts, deadline);
                if (delay == null) {
                    span.end();
                    throw failure;
                }
                span.set(LlmOpsAttributes.BACKOFF_MS, delay.toMillis());
                span.end();
            }
            sleep(delay, attempt, maxAttempts);
        }
    }

    /** The delay before the next attempt, or null when the failure must be thrown now. */
    private Duration retryDelay(ModelException failure, int attempt, int maxAttempts, long deadline) {
        if (!failure.isRetriable() || attempt >= maxAttempts) {
            return null;
        }
        Duration delay = retryPolicy.backoff(attempt);
        Optional<Duration> retryAfter = failure.retryAfter();
        if (retryAfter.isPresent()) {
            if (retryAfter.get().compareTo(retryPolicy.maxRetryAfter()) > 0) {
                return null; // the server asks for longer than we are willing to block
            }
            if (retryAfter.get().compareTo(delay) > 0) {
                delay = retryAfter.get();
            }
        }
        if (System.nanoTime() + delay.toNanos() >= deadline) {
            return null; // no time left for another attempt
        }
        return delay;
    }

    private void sleep(Duration delay, int attempt, int maxAttempts) {
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ModelException.of(name, attempt, maxAttempts, ModelException.Kind.INTERRUPTED, 0, null,
                    "interrupted during backoff", e);
        }
    }

    private ChatResponse attemptOnce(ChatRequest chatRequest, int attempt, int maxAttempts, long deadline) {
        boolean permit = acquire(attempt, maxAttempts, deadline);
        try {
            Optional<Duration> perAttempt = timeouts.perAttemptLimit();
            long remaining = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (perAttempt.isEmpty() && remaining == Long.MAX_VALUE) {
                return invoke(chatRequest, attempt, maxAttempts); // no limit: call on this thread
            }
            long limit = Math.min(perAttempt.map(Duration::toNanos).orElse(Long.MAX_VALUE), remaining);
            if (limit <= 0) {
                throw ModelException.of(name, attempt, maxAttempts, ModelException.Kind.TIMEOUT, 0, null,
                        "total timeout " + timeouts.totalLimit().orElseThrow() + " reached", null);
            }
            Future<ChatResponse> f = shared.executor().submit(() -> invoke(chatRequest, attempt, maxAttempts));
            try {
                return f.get(limit, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw ModelException.of(name, attempt, maxAttempts, ModelException.Kind.TIMEOUT, 0, null,
                        "no answer within " + Duration.ofNanos(limit), e);
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw ModelException.of(name, attempt, maxAttempts, ModelException.Kind.INTERRUPTED, 0, null,
                        "interrupted while waiting for the model", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ModelException me) {
                    throw me;
                }
                throw classify(cause, attempt, maxAttempts);
            } catch (CancellationException e) {
                throw ModelException.of(name, attempt, maxAttempts, ModelException.Kind.INTERRUPTED, 0, null,
                        "cancelled", e);
            }
        } finally {
            if (permit) {
                inFlight.release();
            }
        }
    }

    private boolean acquire(int attempt, int maxAttempts, long deadline) {
        if (inFlight == null) {
            return false;
        }
        try {
            if (deadline == Long.MAX_VALUE) {
                inFlight.acquire();
                return true;
            }
            long wait = deadline - System.nanoTime();
            if (wait > 0 && inFlight.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                return true;
            }
            throw ModelException.of(name, attempt, maxAttempts, ModelException.Kind.CAPACITY, 0, null,
                    "all " + maxInFlight + " in-flight slots stayed busy until the total timeout", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ModelException.of(name, attempt, maxAttempts, ModelException.Kind.INTERRUPTED, 0, null,
                    "interrupted while waiting for an in-flight slot", e);
        }
    }

    private ChatResponse invoke(ChatRequest chatRequest, int attempt, int maxAttempts) {
        try {
            ChatResponse r = chatModel.chat(chatRequest);
            if (r == null) {
                throw ModelException.of(name, attempt, maxAttempts, ModelException.Kind.UNKNOWN, 0, null,
                        chatModel.getClass().getName() + " returned null", null);
            }
            return r;
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw classify(e, attempt, maxAttempts);
        }
    }

    /** Maps any failure of the underlying model to the llmops exception hierarchy. */
    ModelException classify(Throwable t, int attempt, int maxAttempts) {
        ModelException.Kind kind = ModelException.Kind.UNKNOWN;
        int status = 0;
        Duration retryAfter = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RetryAfterAware ra && retryAfter == null) {
                retryAfter = ra.retryAfter().orElse(null);
            }
            if (c instanceof HttpException he && status == 0) {
                status = he.statusCode();
            }
        }
        if (t instanceof RateLimitException || status == 429) {
            kind = ModelException.Kind.RATE_LIMITED;
        } else if (t instanceof dev.langchain4j.exception.TimeoutException || status == 408 || hasCause(t,
                SocketTimeoutException.class) || hasCause(t, java.net.http.HttpTimeoutException.class)) {
            kind = ModelException.Kind.TIMEOUT;
        } else if (t instanceof InternalServerException || status >= 500) {
            kind = ModelException.Kind.SERVER_ERROR;
        } else if (t instanceof AuthenticationException || status == 401 || status == 403) {
            kind = ModelException.Kind.AUTHENTICATION;
        } else if (t instanceof ModelNotFoundException || status == 404) {
            kind = ModelException.Kind.MODEL_NOT_FOUND;
        } else if (t instanceof ContentFilteredException) {
            kind = ModelException.Kind.CONTENT_FILTERED;
        } else if (t instanceof InvalidRequestException || (status >= 400 && status < 500)) {
            kind = ModelException.Kind.INVALID_REQUEST;
        } else if (hasCause(t, InterruptedException.class) || hasCause(t, InterruptedIOException.class)
                && Thread.currentThread().isInterrupted()) {
            kind = ModelException.Kind.INTERRUPTED;
        } else if (t instanceof UnresolvedModelServerException || t instanceof RetriableException
                || hasCause(t, IOException.class)) {
            kind = ModelException.Kind.NETWORK;
        }
        String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return ModelException.of(name, attempt, maxAttempts, kind, status, retryAfter, detail, t);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private Generation toGeneration(ModelRequest request, ChatResponse response, int attempts, Span call,
                                    long startNanos) {
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                : response.aiMessage().text();
        TokenUsage tu = response.tokenUsage();
        Usage usage;
        if (tu != null && tu.inputTokenCount() != null && tu.outputTokenCount() != null) {
            usage = new Usage(tu.inputTokenCount(), tu.outputTokenCount(), false);
        } else {
            usage = new Usage(TokenEstimator.estimate(request.messages()), TokenEstimator.estimate(text), true);
        }
        String model = response.modelName() == null || response.modelName().isBlank() ? name : response.modelName();
        Cost cost = pricing.cost(model, usage).or(() -> pricing.cost(name, usage)).orElse(null);
        FinishReason finish = response.finishReason() == null ? FinishReason.OTHER : response.finishReason();
        call.set(GenAiAttributes.RESPONSE_MODEL, model);
        call.set(GenAiAttributes.RESPONSE_ID, response.id());
        call.set(GenAiAttributes.RESPONSE_FINISH_REASONS, List.of(finish.name().toLowerCase(java.util.Locale.ROOT)));
        call.set(GenAiAttributes.USAGE_INPUT_TOKENS, (long) usage.inputTokens());
        call.set(GenAiAttributes.USAGE_OUTPUT_TOKENS, (long) usage.outputTokens());
        call.set(LlmOpsAttributes.USAGE_ESTIMATED, usage.estimated());
        if (cost != null) {
            call.set(LlmOpsAttributes.COST_USD, cost.totalUsd());
        }
        call.setContent(GenAiAttributes.COMPLETION, text);
        return Generation.builder().text(text).finishReason(finish).model(model).usage(usage).cost(cost)
                .latency(Duration.ofNanos(System.nanoTime() - startNanos)).cacheHit(false).traceId(call.traceId())
                .attempts(attempts).build();
    }

    @Override
    public String toString() {
        return "ModelGateway[" + name + ", retries=" + retryPolicy.maxRetries() + ", " + timeouts + ", fallback="
                + (fallback == null ? "none" : fallback.name()) + ", maxInFlight="
                + (maxInFlight == 0 ? "unbounded" : maxInFlight) + ", cache=" + (cache == null ? "none" : cache) + "]";
    }
}
