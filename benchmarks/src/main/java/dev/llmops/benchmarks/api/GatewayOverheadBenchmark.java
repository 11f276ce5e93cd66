package dev.llmops.benchmarks.api;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmops.api.cache.InMemoryResponseCache;
import dev.llmops.api.model.CacheMode;
import dev.llmops.api.model.Generation;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ModelGateway;
import dev.llmops.api.model.ModelRequest;
import dev.llmops.api.trace.InMemoryTraceSink;
import dev.llmops.api.trace.Tracer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own overhead per call: the same in-process {@link ChatModel} called directly
 * (baseline) and through {@link LanguageModel} with an in-memory trace sink, with the cache off and
 * with a cache hit. The model does no work, so the difference is the gateway's cost.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar GatewayOverheadBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayOverheadBenchmark {

    /** Answers instantly with a fixed response, like a warmed-up local model with zero latency. */
    static final class InstantModel implements ChatModel {
        private final ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from("The return window is 30 days."))
                .modelName("gpt-4o-mini").tokenUsage(new TokenUsage(120, 9)).finishReason(FinishReason.STOP).build();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return response;
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return DefaultChatRequestParameters.builder().modelName("gpt-4o-mini").build();
        }
    }

    private ChatModel direct;
    private ChatRequest chatRequest;
    private ModelGateway noCache;
    private ModelGateway cached;
    private ModelRequest request;
    private ModelRequest bypass;

    @Setup
    public void setUp() {
        direct = new InstantModel();
        List<ChatMessage> messages = List.of(SystemMessage.from("Answer from the context only."),
                UserMessage.from("Context: You can return most items within 30 days of delivery.\n"
                        + "Question: How long do I have to return an item?"));
        ChatRequestParameters params = ChatRequestParameters.builder().temperature(0.0).maxOutputTokens(200).build();
        chatRequest = ChatRequest.builder().messages(messages).parameters(params).build();
        request = ModelRequest.builder().messages(messages).parameters(params).build();
        bypass = request.toBuilder().cacheMode(CacheMode.BYPASS).build();
        Tracer tracer = Tracer.of(InMemoryTraceSink.withCapacity(10_000));
        noCache = LanguageModel.of(direct).withRetries(3).withTracer(tracer);
        cached = noCache.withCache(InMemoryResponseCache.create(1_000, Duration.ofHours(1)));
        cached.generate(request); // prime the cache
    }

    @Benchmark
    public ChatResponse baseline_direct_chat_model() {
        return direct.chat(chatRequest);
    }

    @Benchmark
    public Generation gateway_no_cache() {
        return noCache.generate(bypass);
    }

    @Benchmark
    public Generation gateway_cache_hit() {
        return cached.generate(request);
    }
}
