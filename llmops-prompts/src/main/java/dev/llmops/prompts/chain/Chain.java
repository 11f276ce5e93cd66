package dev.llmops.prompts.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.llmops.api.GuardViolationException;
import dev.llmops.api.LlmOpsException;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.api.guard.GuardStage;
import dev.llmops.api.model.Generation;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ModelRequest;
import dev.llmops.api.model.Usage;
import dev.llmops.api.prompt.RenderedPrompt;
import dev.llmops.api.retrieval.RetrievalQuery;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.api.trace.AttributeKey;
import dev.llmops.api.trace.LlmOpsAttributes;
import dev.llmops.api.trace.Span;
import dev.llmops.api.trace.SpanKind;
import dev.llmops.api.trace.Tracer;
import dev.llmops.prompts.Prompt;
import dev.llmops.prompts.PromptRegistry;
import dev.llmops.prompts.experiment.PromptExperiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A typed chain of steps from {@code I} to {@code O}, built fluently; each call returns a new
 * chain, so a chain is a reusable, shareable value.
 *
 * <pre>{@code
 * Chain<Question, Answer> support = Chain.of("support", Question.class)
 *         .guard(inputGuard)                                  // BLOCK throws GuardViolationException
 *         .retrieve(retriever, Question::text, 5)             // -> Retrieved<Question>
 *         .prompt(prompts.get("support-answer", "production")) // variables: question fields + context
 *         .call(LanguageModel.of(chatModel).withRetries(3))   // -> Generation
 *         .parse(Answer.class)                                // JSON schema sent; re-asks on bad JSON
 *         .withTracer(tracer);
 * Answer a = support.run(new Question("How do I reset my password?"));
 * }</pre>
 *
 * <p>Steps: {@link #prompt} renders a {@link Prompt}; {@link #call} sends a rendered prompt (or a
 * string, or a {@link ModelRequest}) to a {@link LanguageModel}; {@link #retrieve} queries a
 * {@link Retriever}; {@link #guard} checks text with a {@link Guard} (PASS goes on, PASS_WITH_REWRITE
 * goes on with the sanitized text, REPROMPT after a model call or a parse re-asks the model with the
 * reason and the findings up to a {@link RepromptPolicy} bound, then throws
 * {@link RepromptsExhaustedException}; BLOCK throws {@link GuardViolationException}); {@link #then} applies a function;
 * {@link #parse} turns the answer into a Java type with Jackson, sends the type's JSON schema as the
 * call's response format, and re-asks the model with its parse error up to a bound;
 * {@link #branch} picks a sub-chain by a predicate; {@link #mapEach} runs a sub-chain over a list in
 * parallel with bounded concurrency, keeping the order.
 *
 * <p><b>Tracing:</b> a run is one trace: a {@code CHAIN} root span and one {@code STEP} span per step
 * (model calls, retrievals and sub-chain steps nest under their step), tagged with
 * {@code llmops.chain.name}, {@code llmops.step.name}, and {@code llmops.prompt.ref} where a prompt was
 * used. A failure throws {@link ChainException} naming the chain and step; the spans up to the failure
 * are recorded. {@link #plan()} describes the chain as JSON; {@link #dryRun} renders every prompt
 * without calling a model.
 *
 * <p><b>Thread safety:</b> immutable and thread-safe if the functions, models, guards and retrievers it
 * holds are; run it from any number of threads.
 *
 * @param <I> the input type
 * @param <O> the output type
 * @since 0.1.0
 */
public final class Chain<I, O> {

    /** Chunks retrieved by {@link #retrieve(Retriever)}. */
    public static final int DEFAULT_K = 5;

    private static final AttributeKey<String> BRANCH = AttributeKey.stringKey("llmops.chain.branch");
    private static final AttributeKey<Long> REPROMPTS = AttributeKey.longKey("llmops.reprompts");
    private static final AttributeKey<Long> REPROMPT_ATTEMPT = AttributeKey.longKey("llmops.reprompt.attempt");
    /** Findings listed in a re-prompt message; the rest are counted. */
    private static final int MAX_LISTED_FINDINGS = 10;
    private static final AttributeKey<Long> ITEMS = AttributeKey.longKey("llmops.chain.items");
    private static final ObjectMapper PARSER = LlmOpsJson.newMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final ObjectMapper VARIABLES = LlmOpsJson.newMapper();

    private final String name;
    private final String inputType;
    private final List<Step> steps;
    private final Tracer tracer;

    private Chain(String name, String inputType, List<Step> steps, Tracer tracer) {
        this.name = name;
        this.inputType = inputType;
        this.steps = List.copyOf(steps);
        this.tracer = tracer;
    }

    /** An empty chain named after the input type. */
    public static <I> Chain<I, I> of(Class<I> inputType) {
        return of(inputType.getSimpleName(), inputType);
    }

    /** An empty chain (output = input) called {@code name}. */
    public static <I> Chain<I, I> of(String name, Class<I> inputType) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputType, "inputType");
        if (name.isBlank()) {
            throw new IllegalArgumentException("chain name must not be blank");
        }
        return new Chain<>(name, inputType.getSimpleName(), List.of(), Tracer.noop());
    }

    /** The same chain recording its spans with {@code tracer} (sub-chains use the caller's tracer). */
    public Chain<I, O> withTracer(Tracer newTracer) {
        return new Chain<>(name, inputType, steps, Objects.requireNonNull(newTracer, "tracer"));
    }

    public String name() {
        return name;
    }

    private <R> Chain<I, R> add(Step step) {
        List<Step> next = new ArrayList<>(steps);
        next.add(step);
        return new Chain<>(name, inputType, next, tracer);
    }

    /** Renames the last step (names appear in spans, errors and the plan). */
    public Chain<I, O> as(String stepName) {
        Objects.requireNonNull(stepName, "stepName");
        if (steps.isEmpty()) {
            throw new IllegalStateException("chain '" + name + "' has no step to name");
        }
        List<Step> next = new ArrayList<>(steps);
        next.set(next.size() - 1, steps.get(steps.size() - 1).renamed(stepName));
        return new Chain<>(name, inputType, next, tracer);
    }

    // ------------------------------------------------------------------ steps

    /** Transforms the value with a Java function. */
    public <R> Chain<I, R> then(Function<? super O, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return add(new TransformStep("transform", fn));
    }

    /** Renders {@code prompt} with variables derived from the value (see {@link #variablesOf}). */
    public Chain<I, RenderedPrompt> prompt(Prompt prompt) {
        return prompt(prompt, Chain::variablesOf);
    }

    /** Renders {@code prompt} with {@code variables.apply(value)}. */
    public Chain<I, RenderedPrompt> prompt(Prompt prompt, Function<? super O, ? extends Map<String, ?>> variables) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(variables, "variables");
        return add(new PromptStep("prompt " + prompt.ref(), v -> prompt, null, null, variables, prompt.ref()));
    }

    /**
     * Renders the prompt version that {@code experiment} assigns to {@code key.apply(value)}, recording
     * the experiment and arm on the step and chain spans.
     */
    public Chain<I, RenderedPrompt> prompt(PromptExperiment experiment, PromptRegistry registry,
                                           Function<? super O, String> key,
                                           Function<? super O, ? extends Map<String, ?>> variables) {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(variables, "variables");
        PromptRegistry source = registry;
        return add(new PromptStep("prompt " + experiment.promptName() + " (experiment " + experiment.name() + ")",
                null, experiment, v -> source, variables, experiment.promptName()) {
            @Override
            Prompt select(Object value, Span span, Run run) {
                @SuppressWarnings("unchecked")
                String k = ((Function<Object, String>) key).apply(value);
                PromptExperiment.Arm arm = experiment.choose(k);
                span.set(LlmOpsAttributes.EXPERIMENT_NAME, experiment.name());
                span.set(LlmOpsAttributes.EXPERIMENT_ARM, arm.name());
                run.root.set(LlmOpsAttributes.EXPERIMENT_NAME, experiment.name());
                run.root.set(LlmOpsAttributes.EXPERIMENT_ARM, arm.name());
                return source.get(experiment.ref(k));
            }
        });
    }

    /**
     * Sends the value to {@code model}: a {@link RenderedPrompt} (its messages, parameters and
     * name@version), a {@link ModelRequest}, or a {@code String} as one user message.
     */
    public Chain<I, Generation> call(LanguageModel model) {
        Objects.requireNonNull(model, "model");
        return add(new CallStep("call " + model.name(), model, null));
    }

    /**
     * Retrieves {@code k} chunks for {@code query.apply(value)}; later guards see them as context.
     */
    public Chain<I, Retrieved<O>> retrieve(Retriever retriever, Function<? super O, String> query, int k) {
        Objects.requireNonNull(retriever, "retriever");
        Objects.requireNonNull(query, "query");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0 but was: " + k);
        }
        return add(new RetrieveStep(retriever, query, k));
    }

    /** Retrieves {@value #DEFAULT_K} chunks for the value's text. */
    public Chain<I, Retrieved<O>> retrieve(Retriever retriever) {
        return retrieve(retriever, Chain::textOf, DEFAULT_K);
    }

    /** Retrieves {@code k} chunks for the value's text. */
    public Chain<I, Retrieved<O>> retrieve(Retriever retriever, int k) {
        return retrieve(retriever, Chain::textOf, k);
    }

    /** Checks the value's text with {@code guard}, re-asking at most twice on REPROMPT ({@link RepromptPolicy#DEFAULT}). */
    public Chain<I, O> guard(Guard guard) {
        return guard(guard, RepromptPolicy.DEFAULT);
    }

    /**
     * Checks the value's text with {@code guard}, re-asking at most {@code maxReprompts} times on REPROMPT.
     *
     * @throws IllegalArgumentException when {@code maxReprompts} is negative
     */
    public Chain<I, O> guard(Guard guard, int maxReprompts) {
        return guard(guard, RepromptPolicy.of(maxReprompts));
    }

    /**
     * Checks the value's text with {@code guard}. The text is a {@code String} as is, a
     * {@link Generation}'s text, right after a {@link #parse} the model's raw answer that was parsed
     * (not the parsed object), else {@code toString()}. After a model call the stage is OUTPUT.
     *
     * <ul>
     *   <li>PASS: the value goes on unchanged.</li>
     *   <li>PASS_WITH_REWRITE: the chain goes on with the sanitized text (after a parse: the sanitized
     *       answer parsed again).</li>
     *   <li>REPROMPT after a {@link #call} or a {@link #parse}: the model is called again with the
     *       conversation extended by its previous answer and a user message stating the guard's reason
     *       and each finding's type, span and detail (never the text at the span, which may be a PII
     *       value); after a parse the new answer is parsed again. Each re-ask is a {@code STEP} span
     *       {@code reprompt <n>} under the guard step ({@code llmops.reprompt.attempt} = n) with its
     *       model call nested. After {@code policy.maxReprompts()} re-asks the chain throws
     *       {@link RepromptsExhaustedException} with the last result. Before any model call (an input
     *       guard), REPROMPT throws {@link GuardViolationException}.</li>
     *   <li>BLOCK: throws {@link GuardViolationException} at once, never re-asks.</li>
     * </ul>
     *
     * <pre>{@code
     * Chain<Question, Answer> chain = Chain.of("support", Question.class)
     *         .retrieve(retriever, Question::question, 5).prompt(prompt).call(model)
     *         .parse(Answer.class)
     *         .guard(Guards.groundedness(), RepromptPolicy.of(2)); // checks the raw JSON answer
     * }</pre>
     *
     * @since 0.1.0
     */
    public Chain<I, O> guard(Guard guard, RepromptPolicy policy) {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(policy, "policy");
        return add(new GuardStep(guard, policy));
    }

    /** Parses the answer into {@code type}, re-asking at most twice on a parse error. */
    public <T> Chain<I, T> parse(Class<T> type) {
        return parse(type, RepromptPolicy.DEFAULT);
    }

    /**
     * Parses the answer into {@code type}, re-asking at most {@code policy.maxReprompts()} times on a
     * parse error (see {@link #parse(Class, int)}).
     *
     * @since 0.1.0
     */
    public <T> Chain<I, T> parse(Class<T> type, RepromptPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return parse(type, policy.maxReprompts());
    }

    /**
     * Parses the answer ({@link Generation} or {@code String}) as JSON into {@code type}. When the
     * previous step is a {@link #call}, the type's JSON schema is sent as its response format, and a
     * parse error re-asks the model, showing it the error, at most {@code maxReprompts} times.
     */
    public <T> Chain<I, T> parse(Class<T> type, int maxReprompts) {
        Objects.requireNonNull(type, "type");
        if (maxReprompts < 0) {
            throw new IllegalArgumentException("maxReprompts must be >= 0 but was: " + maxReprompts);
        }
        Chain<I, O> base = this;
        if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof CallStep call) {
            List<Step> next = new ArrayList<>(steps);
            next.set(next.size() - 1, call.withResponseFormat(responseFormat(type)));
            base = new Chain<>(name, inputType, next, tracer);
        }
        return base.add(new ParseStep<>(type, maxReprompts));
    }

    /** Continues with {@code ifTrue} or {@code ifFalse} depending on {@code predicate}. */
    public <R> Chain<I, R> branch(Predicate<? super O> predicate, Chain<? super O, R> ifTrue,
                                  Chain<? super O, R> ifFalse) {
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(ifTrue, "ifTrue");
        Objects.requireNonNull(ifFalse, "ifFalse");
        return add(new BranchStep(predicate, ifTrue, ifFalse));
    }

    /**
     * Runs {@code each} over the items {@code items.apply(value)} with at most {@code maxConcurrency}
     * at a time; the results keep the items' order. The first failure fails the step. Each run of this
     * step uses its own pool of at most {@code maxConcurrency} daemon threads, shut down when it ends.
     */
    public <E, R> Chain<I, List<R>> mapEach(Function<? super O, ? extends List<E>> items, Chain<E, R> each,
                                            int maxConcurrency) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(each, "each");
        if (maxConcurrency <= 0) {
            throw new IllegalArgumentException("maxConcurrency must be > 0 but was: " + maxConcurrency);
        }
        return add(new MapStep(items, each, maxConcurrency));
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs the chain.
     *
     * @throws ChainException              naming the chain and step that failed
     * @throws GuardViolationException     when a guard blocks
     * @throws RepromptsExhaustedException when an output guard still asks for a re-prompt after its
     *                                     {@link RepromptPolicy}'s re-asks
     */
    public O run(I input) {
        return execute(input).output();
    }

    /** Runs the chain and returns the output with the trace id. */
    public ChainResult<O> execute(I input) {
        Objects.requireNonNull(input, "input");
        Run run = new Run(false);
        try (Span root = tracer.startRoot(name, SpanKind.CHAIN)) {
            run.root = root;
            root.set(LlmOpsAttributes.CHAIN_NAME, name);
            State state = new State();
            state.userInput = textOf(input);
            try {
                @SuppressWarnings("unchecked")
                O out = (O) runSteps(input, run, state, root);
                return new ChainResult<>(out, root.traceId());
            } catch (RuntimeException e) {
                root.fail(e);
                throw e;
            }
        }
    }

    /**
     * Runs every step that does not need a model answer and renders every prompt, calling no model:
     * a model call yields an empty placeholder answer, and the run stops at the first step that needs a
     * real one (parsing). Retrievers and guards do run.
     */
    public DryRun dryRun(I input) {
        Objects.requireNonNull(input, "input");
        Run run = new Run(true);
        try (Span root = Tracer.noop().startRoot(name, SpanKind.CHAIN)) {
            run.root = root;
            State state = new State();
            state.userInput = textOf(input);
            try {
                runSteps(input, run, state, root);
                return new DryRun(run.rendered, Optional.empty());
            } catch (DryRunStop stop) {
                return new DryRun(run.rendered, Optional.of(stop.getMessage()));
            }
        }
    }

    /** The chain as JSON: its name, input type and steps with their prompts and models. */
    public String plan() {
        ObjectNode root = VARIABLES.createObjectNode();
        describeInto(root);
        try {
            return VARIABLES.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void describeInto(ObjectNode node) {
        node.put("chain", name);
        node.put("input", inputType);
        ArrayNode arr = node.putArray("steps");
        for (Step s : steps) {
            ObjectNode sn = arr.addObject();
            sn.put("name", s.name);
            s.describe(sn);
        }
    }

    private Object runSteps(Object input, Run run, State state, Span parent) {
        Object value = input;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Span span = parent.child(step.name, SpanKind.STEP);
            span.set(LlmOpsAttributes.CHAIN_NAME, name);
            span.set(LlmOpsAttributes.STEP_NAME, step.name);
            try {
                value = step.run(value, run, state, span);
                if (value == null) {
                    throw new IllegalStateException("step returned null");
                }
            } catch (RepromptsExhausted e) {
                RepromptsExhaustedException ex = new RepromptsExhaustedException(name, i + 1, step.name, e.reprompts,
                        span.traceId(), e.result);
                span.fail(ex);
                throw ex;
            } catch (GuardViolationException | DryRunStop e) {
                span.fail(e);
                throw e;
            } catch (NeedsModelAnswer e) {
                throw new DryRunStop("step " + (i + 1) + " '" + step.name + "' needs a model answer");
            } catch (RuntimeException e) {
                span.fail(e);
                throw new ChainException(name, i + 1, step.name, span.traceId(), e);
            } finally {
                span.end();
            }
        }
        return value;
    }

    // ------------------------------------------------------------------ variables and text

    /**
     * The prompt variables of a value: a {@code Map} as is; a {@link Retrieved} as its input's
     * variables plus {@code chunks} and {@code context}; a {@code String} as {@code input}; any other
     * object as its Jackson properties (records and beans).
     */
    public static Map<String, ?> variablesOf(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        if (value instanceof Retrieved<?> r) {
            Map<String, Object> out = new LinkedHashMap<>(variablesOf(r.input()));
            List<Map<String, Object>> chunks = new ArrayList<>();
            for (ScoredChunk c : r.chunks()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("id", c.id());
                cm.put("text", c.text());
                cm.put("score", c.score());
                chunks.add(cm);
            }
            out.put("chunks", chunks);
            out.put("context", r.texts());
            return out;
        }
        if (value instanceof CharSequence s) {
            return Map.of("input", s.toString());
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = VARIABLES.convertValue(value, Map.class);
            return m;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot turn a " + value.getClass().getName()
                    + " into prompt variables; pass a variables function: " + e.getMessage(), e);
        }
    }

    static String textOf(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof Generation g) {
            return g.text();
        }
        if (value instanceof Retrieved<?> r) {
            return textOf(r.input());
        }
        if (value instanceof RenderedPrompt p) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : p.messages()) {
                sb.append(dev.llmops.api.model.TokenEstimator.textOf(m)).append('\n');
            }
            return sb.toString();
        }
        return String.valueOf(value);
    }

    static ResponseFormat responseFormat(Class<?> type) {
        return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name(type.getSimpleName()).rootElement(JsonSchemaElementUtils.jsonSchemaElementFrom(type))
                .build()).build();
    }

    @Override
    public String toString() {
        return "Chain[" + name + ", " + steps.size() + " steps]";
    }

    // ------------------------------------------------------------------ run state

    private static final class Run {
        final boolean dry;
        final List<DryRun.Rendered> rendered = Collections.synchronizedList(new ArrayList<>());
        Span root;

        Run(boolean dry) {
            this.dry = dry;
        }
    }

    /** Per-path state: the last model call (for re-asking) and what was retrieved (for guards). */
    private static final class State {
        LanguageModel model;
        ModelRequest request;
        Generation generation;
        List<ScoredChunk> retrieved = List.of();
        String userInput;
        /** The last successful parse: its step, the value it produced and the text it parsed. */
        ParseStep<?> parseStep;
        Object parsedValue;
        String parsedText;

        State copy() {
            State s = new State();
            s.model = model;
            s.request = request;
            s.generation = generation;
            s.retrieved = retrieved;
            s.userInput = userInput;
            s.parseStep = parseStep;
            s.parsedValue = parsedValue;
            s.parsedText = parsedText;
            return s;
        }
    }

    /** Thrown by a guard step when its re-asks ran out; {@link #runSteps} names the chain and step. */
    private static final class RepromptsExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient GuardResult result;
        final int reprompts;

        RepromptsExhausted(GuardResult result, int reprompts) {
            super(null, null, false, false);
            this.result = result;
            this.reprompts = reprompts;
        }
    }

    /** Thrown inside a dry run by a step that needs a real model answer. */
    private static final class NeedsModelAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsModelAnswer() {
            super(null, null, false, false);
        }
    }

    private static final class DryRunStop extends LlmOpsException {
        private static final long serialVersionUID = 1L;

        DryRunStop(String message) {
            super(message);
        }
    }

    private static Generation reask(Run run, State state, String feedback, Span span) {
        if (run.dry) {
            throw new NeedsModelAnswer();
        }
        List<ChatMessage> messages = new ArrayList<>(state.request.messages());
        messages.add(AiMessage.from(state.generation.text()));
        messages.add(UserMessage.from(feedback));
        ModelRequest request = state.request.toBuilder().messages(messages).parent(span.context()).build();
        Generation g = state.model.generate(request);
        state.request = request;
        state.generation = g;
        return g;
    }

    /**
     * The user message of a guard re-ask: the guard's reason, then each finding's type, span and
     * detail (never the text at the span, which may be a PII value or a secret).
     */
    static String repromptMessage(String guardName, GuardResult r) {
        StringBuilder sb = new StringBuilder("Your previous answer was rejected by the '").append(guardName)
                .append("' check: ").append(r.reason());
        List<Finding> findings = r.findings();
        if (!findings.isEmpty()) {
            sb.append("\nProblems in your previous answer:");
            for (int i = 0; i < findings.size(); i++) {
                if (i == MAX_LISTED_FINDINGS) {
                    sb.append("\n- and ").append(findings.size() - i).append(" more");
                    break;
                }
                Finding f = findings.get(i);
                sb.append("\n- ").append(f.type());
                if (f.hasSpan()) {
                    sb.append(" (characters ").append(f.start()).append('-').append(f.end()).append(')');
                }
                if (!f.detail().isBlank()) {
                    String d = f.detail().strip();
                    sb.append(": ").append(d.length() <= 200 ? d : d.substring(0, 197) + "...");
                }
            }
        }
        return sb.append("\nAnswer again, fixing that.").toString();
    }

    // ------------------------------------------------------------------ step kinds

    private abstract static class Step {
        final String name;

        Step(String name) {
            this.name = name;
        }

        abstract Object run(Object value, Run run, State state, Span span);

        abstract void describe(ObjectNode node);

        abstract Step renamed(String newName);
    }

    private static final class TransformStep extends Step {
        private final Function<Object, Object> fn;

        @SuppressWarnings("unchecked")
        TransformStep(String name, Function<?, ?> fn) {
            super(name);
            this.fn = (Function<Object, Object>) fn;
        }

        @Override
        Object run(Object value, Run run, State state, Span span) {
            return fn.apply(value);
        }

        @Override
        void describe(ObjectNode node) {
            node.put("kind", "transform");
        }

        @Override
        Step renamed(String newName) {
            return new TransformStep(newName, fn);
        }
    }

    private static class PromptStep extends Step {
        final Function<Object, Prompt> fixed;
        final PromptExperiment experiment;
        final Function<Object, PromptRegistry> registry;
        final Function<Object, Map<String, ?>> variables;
        final String described;

        @SuppressWarnings("unchecked")
        PromptStep(String name, Function<Object, Prompt> fixed, PromptExperiment experiment,
                   Function<Object, PromptRegistry> registry, Function<?, ? extends Map<String, ?>> variables,
                   String described) {
            super(name);
            this.fixed = fixed;
            this.experiment = experiment;
            this.registry = registry;
            this.variables = (Function<Object, Map<String, ?>>) variables;
            this.described = described;
        }

        Prompt select(Object value, Span span, Run run) {
            return fixed.apply(value);
        }

        @Override
        Object run(Object value, Run run, State state, Span span) {
            Prompt prompt = select(value, span, run);
            span.set(LlmOpsAttributes.PROMPT_REF, prompt.ref());
            span.set(LlmOpsAttributes.PROMPT_NAME, prompt.name());
            span.set(LlmOpsAttributes.PROMPT_VERSION, (long) prompt.version().version());
            RenderedPrompt rendered = prompt.render(Objects.requireNonNull(variables.apply(value),
                    "variables function returned null"));
            if (run.dry) {
                run.rendered.add(new DryRun.Rendered(name, rendered));
            }
            return rendered;
        }

        @Override
        void describe(ObjectNode node) {
            node.put("kind", "prompt");
            node.put("prompt", described);
            if (experiment != null) {
                node.put("experiment", experiment.name());
                ArrayNode arms = node.putArray("arms");
                for (PromptExperiment.Arm a : experiment.arms()) {
                    arms.addObject().put("arm", a.name()).put("selector", a.selector()).put("weight", a.weight());
                }
            }
        }

        @Override
        Step renamed(String newName) {
            PromptStep self = this;
            return new PromptStep(newName, fixed, experiment, registry, variables, described) {
                @Override
                Prompt select(Object value, Span span, Run run) {
                    return self.select(value, span, run);
                }
            };
        }
    }

    private static final class CallStep extends Step {
        private final LanguageModel model;
        private final ResponseFormat responseFormat;

        CallStep(String name, LanguageModel model, ResponseFormat responseFormat) {
            super(name);
            this.model = model;
            this.responseFormat = responseFormat;
        }

        CallStep withResponseFormat(ResponseFormat format) {
            return new CallStep(name, model, format);
        }

        @Override
        Object run(Object value, Run run, State state, Span span) {
            ModelRequest.Builder b;
            if (value instanceof RenderedPrompt rp) {
                b = rp.toRequest();
                span.set(LlmOpsAttributes.PROMPT_REF, rp.ref());
            } else if (value instanceof ModelRequest mr) {
                b = mr.toBuilder();
            } else if (value instanceof CharSequence s) {
                b = ModelRequest.builder().messages(UserMessage.from(s.toString()));
            } else {
                throw new IllegalArgumentException("a model call needs a RenderedPrompt, ModelRequest or String but "
                        + "the previous step produced a " + value.getClass().getName());
            }
            if (responseFormat != null) {
                ChatRequestParameters base = b.build().parameters().orElse(null);
                var pb = ChatRequestParameters.builder();
                if (base != null) {
                    pb.overrideWith(base);
                }
                b.parameters(pb.responseFormat(responseFormat).build());
            }
            ModelRequest request = b.parent(span.context()).build();
            Generation g;
            if (run.dry) {
                g = Generation.builder().text("").model(model.name()).usage(new Usage(0, 0, true))
                        .traceId(span.traceId()).attempts(0).build();
            } else {
                g = model.generate(request);
            }
            state.model = model;
            state.request = request;
            state.generation = g;
            state.parseStep = null; // a new answer: an earlier parse no longer describes it
            state.parsedValue = null;
            state.parsedText = null;
            return g;
        }

        @Override
        void describe(ObjectNode node) {
            node.put("kind", "call");
            node.put("model", model.name());
            if (responseFormat != null && responseFormat.jsonSchema() != null) {
                node.put("responseSchema", responseFormat.jsonSchema().name());
            }
        }

        @Override
        Step renamed(String newName) {
            return new CallStep(newName, model, responseFormat);
        }
    }

    private static final class RetrieveStep extends Step {
        private final Retriever retriever;
        private final Function<Object, String> query;
        private final int k;

        @SuppressWarnings("unchecked")
        RetrieveStep(Retriever retriever, Function<?, String> query, int k) {
            this("retrieve", retriever, (Function<Object, String>) query, k);
        }

        private RetrieveStep(String name, Retriever retriever, Function<Object, String> query, int k) {
            super(name);
            this.retriever = retriever;
            this.query = query;
            this.k = k;
        }

        @Override
        Object run(Object value, Run run, State state, Span span) {
            String q = Objects.requireNonNull(query.apply(value), "query function returned null");
            List<ScoredChunk> chunks = retriever.retrieve(RetrievalQuery.builder(q).k(k).parent(span.context())
                    .build());
            span.set(LlmOpsAttributes.RETRIEVAL_K, (long) k);
            span.set(LlmOpsAttributes.RETRIEVAL_RESULTS, (long) chunks.size());
            state.retrieved = chunks;
            return new Retrieved<>(value, chunks);
        }

        @Override
        void describe(ObjectNode node) {
            node.put("kind", "retrieve");
            node.put("retriever", retriever.getClass().getSimpleName());
            node.put("k", k);
        }

        @Override
        Step renamed(String newName) {
            return new RetrieveStep(newName, retriever, query, k);
        }
    }

    private static final class GuardStep extends Step {
        private final Guard guard;
        private final RepromptPolicy policy;

        GuardStep(Guard guard, RepromptPolicy policy) {
            this("guard " + guard.name(), guard, policy);
        }

        private GuardStep(String name, Guard guard, RepromptPolicy policy) {
            super(name);
            this.guard = guard;
            this.policy = policy;
        }

        @Override
        Object run(Object value, Run run, State state, Span span) {
            GuardStage stage = state.generation != null ? GuardStage.OUTPUT : GuardStage.INPUT;
            // right after a parse, check (and re-parse) the model's raw answer, not the parsed object
            boolean afterParse = state.parseStep != null && value == state.parsedValue && state.generation != null;
            Object current = value;
            span.set(LlmOpsAttributes.GUARD_NAME, guard.name());
            for (int reprompts = 0; ; reprompts++) {
                GuardContext.Builder cb = GuardContext.builder(stage).retrieved(state.retrieved).parent(span.context());
                if (stage == GuardStage.OUTPUT && state.userInput != null) {
                    cb.userInput(state.userInput);
                }
                GuardResult r = guard.check(afterParse ? state.parsedText : textOf(current), cb.build());
                span.set(LlmOpsAttributes.GUARD_VERDICT, r.verdict().name());
                span.set(LlmOpsAttributes.GUARD_FINDINGS, (long) r.findings().size());
                switch (r.verdict()) {
                    case PASS -> {
                        return current;
                    }
                    case PASS_WITH_REWRITE -> {
                        return afterParse ? state.parseStep.parseAnswer(r.sanitizedText(), false, run, state, span)
                                : rewrite(current, r.sanitizedText());
                    }
                    case BLOCK -> throw new GuardViolationException(r);
                    case REPROMPT -> {
                        if (!afterParse && !(current instanceof Generation && state.generation != null)) {
                            throw new GuardViolationException(r);
                        }
                        if (reprompts >= policy.maxReprompts()) {
                            throw new RepromptsExhausted(r, reprompts);
                        }
                        long attempt = reprompts + 1L;
                        span.set(REPROMPTS, attempt);
                        try (Span child = span.child("reprompt " + attempt, SpanKind.STEP)) {
                            child.set(LlmOpsAttributes.STEP_NAME, name);
                            child.set(LlmOpsAttributes.GUARD_NAME, guard.name());
                            child.set(REPROMPT_ATTEMPT, attempt);
                            try {
                                Generation g = reask(run, state, repromptMessage(guard.name(), r), child);
                                current = afterParse ? state.parseStep.parseAnswer(g.text(), true, run, state, child) : g;
                            } catch (RuntimeException e) {
                                child.fail(e);
                                throw e;
                            }
                        }
                    }
                    default -> throw new IllegalStateException("unknown verdict " + r.verdict());
                }
            }
        }

        private Object rewrite(Object value, String sanitized) {
            if (value instanceof CharSequence) {
                return sanitized;
            }
            if (value instanceof Generation g) {
                return g.toBuilder().text(sanitized).build();
            }
            throw new IllegalArgumentException("guard '" + guard.name() + "' rewrote the text, but a "
                    + value.getClass().getName() + " cannot be rewritten; guard a String or a Generation");
        }

        @Override
        void describe(ObjectNode node) {
            node.put("kind", "guard");
            node.put("guard", guard.name());
            node.put("maxReprompts", policy.maxReprompts());
        }

        @Override
        Step renamed(String newName) {
            return new GuardStep(newName, guard, policy);
        }
    }

    private static final class ParseStep<T> extends Step {
        private final Class<T> type;
        private final int maxReprompts;

        ParseStep(Class<T> type, int maxReprompts) {
            this("parse " + type.getSimpleName(), type, maxReprompts);
        }

        private ParseStep(String name, Class<T> type, int maxReprompts) {
            super(name);
            this.type = type;
            this.maxReprompts = maxReprompts;
        }

        @Override
        Object run(Object value, Run run, State state, Span span) {
            if (run.dry) {
                throw new NeedsModelAnswer();
            }
            if (!(value instanceof Generation) && !(value instanceof CharSequence)) {
                throw new IllegalArgumentException("parse needs a Generation or String but the previous step produced a "
                        + value.getClass().getName());
            }
            return parseAnswer(textOf(value), value instanceof Generation && state.generation != null, run, state, span);
        }

        /**
         * Parses {@code text}, re-asking the model with the parse error (under {@code span}) while
         * {@code canReask} and the bound allow; records the parse in {@code state} for later guards.
         */
        T parseAnswer(String text, boolean canReask, Run run, State state, Span span) {
            for (int attempt = 0; ; attempt++) {
                String error;
                try {
                    T parsed = PARSER.readValue(extractJson(text), type);
                    if (parsed != null) {
                        state.parseStep = this;
                        state.parsedValue = parsed;
                        state.parsedText = text;
                        return parsed;
                    }
                    error = "the answer is JSON null";
                } catch (JsonProcessingException e) {
                    error = describe(e);
                }
                if (!canReask || attempt >= maxReprompts) {
                    throw new LlmOpsException("cannot parse the model answer as " + type.getSimpleName()
                            + " after " + (attempt + 1) + (attempt == 0 ? " attempt: " : " attempts: ") + error
                            + " (answer: " + abbreviate(text) + ")");
                }
                {
                    span.set(REPROMPTS, (long) attempt + 1);
                    text = reask(run, state, "Your previous answer could not be parsed as " + type.getSimpleName()
                            + ": " + error + "\nReply again with only a JSON value matching the requested schema, "
                            + "no other text.", span).text();
                }
            }
        }

        private static String describe(JsonProcessingException e) {
            String m = e.getOriginalMessage();
            int noise = m.indexOf("; `DeserializationFeature");
            if (noise > 0) {
                m = m.substring(0, noise);
            }
            if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (var ref : jme.getPath()) {
                    path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
                }
                m += " (at " + path.substring(path.charAt(0) == '.' ? 1 : 0) + ")";
            }
            return m;
        }

        private static String abbreviate(String s) {
            return s.length() <= 120 ? s : s.substring(0, 117) + "...";
        }

        static String extractJson(String text) {
            String t = text.strip();
            if (t.startsWith("```")) {
                int nl = t.indexOf('\n');
                int end = t.lastIndexOf("```");
                if (nl > 0 && end > nl) {
                    t = t.substring(nl + 1, end).strip();
                }
            }
            int obj = t.indexOf('{');
            int arr = t.indexOf('[');
            int start = obj < 0 ? arr : arr < 0 ? obj : Math.min(obj, arr);
            if (start > 0) {
                char close = t.charAt(start) == '{' ? '}' : ']';
                int end = t.lastIndexOf(close);
                if (end > start) {
                    t = t.substring(start, end + 1);
                }
            }
            return t;
        }

        @Override
        void describe(ObjectNode node) {
            node.put("kind", "parse");
            node.put("type", type.getName());
            node.put("maxReprompts", maxReprompts);
        }

        @Override
        Step renamed(String newName) {
            return new ParseStep<>(newName, type, maxReprompts);
        }
    }

    private static final class BranchStep extends Step {
        private final Predicate<Object> predicate;
        private final Chain<?, ?> ifTrue;
        private final Chain<?, ?> ifFalse;

        @SuppressWarnings("unchecked")
        BranchStep(Predicate<?> predicate, Chain<?, ?> ifTrue, Chain<?, ?> ifFalse) {
            this("branch", (Predicate<Object>) predicate, ifTrue, ifFalse);
        }

        private BranchStep(String name, Predicate<Object> predicate, Chain<?, ?> ifTrue, Chain<?, ?> ifFalse) {
            super(name);
            this.predicate = predicate;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        @Override
        Object run(Object value, Run run, State state, Span span) {
            boolean b = predicate.test(value);
            Chain<?, ?> chosen = b ? ifTrue : ifFalse;
            span.set(BRANCH, chosen.name);
            return chosen.runSteps(value, run, state, span);
        }

        @Override
        void describe(ObjectNode node) {
            node.put("kind", "branch");
            ifTrue.describeInto(node.putObject("ifTrue"));
            ifFalse.describeInto(node.putObject("ifFalse"));
        }

        @Override
        Step renamed(String newName) {
            return new BranchStep(newName, predicate, ifTrue, ifFalse);
        }
    }

    private static final class MapStep extends Step {
        private final Function<Object, List<?>> items;
        private final Chain<?, ?> each;
        private final int maxConcurrency;

        @SuppressWarnings("unchecked")
        MapStep(Function<?, ? extends List<?>> items, Chain<?, ?> each, int maxConcurrency) {
            this("map " + each.name, (Function<Object, List<?>>) items, each, maxConcurrency);
        }

        private MapStep(String name, Function<Object, List<?>> items, Chain<?, ?> each, int maxConcurrency) {
            super(name);
            this.items = items;
            this.each = each;
            this.maxConcurrency = maxConcurrency;
        }

        @Override
        Object run(Object value, Run run, State state, Span span) {
            List<?> list = List.copyOf(Objects.requireNonNull(items.apply(value), "items function returned null"));
            span.set(ITEMS, (long) list.size());
            if (list.isEmpty()) {
                return List.of();
            }
            int threads = Math.min(maxConcurrency, list.size());
            if (threads == 1 || run.dry) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(runItem(list, i, run, state, span));
                }
                return Collections.unmodifiableList(out);
            }
            AtomicInteger counter = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "llmops-chain-" + each.name + "-" + counter.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Object>> futures = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    int index = i;
                    futures.add(pool.submit(() -> runItem(list, index, run, state, span)));
                }
                List<Object> out = new ArrayList<>();
                for (Future<Object> f : futures) {
                    try {
                        out.add(f.get());
                    } catch (ExecutionException e) {
                        futures.forEach(x -> x.cancel(true));
                        if (e.getCause() instanceof RuntimeException re) {
                            throw re;
                        }
                        throw new LlmOpsException("map item failed: " + e.getCause(), e.getCause());
                    }
                }
                return Collections.unmodifiableList(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmOpsException("interrupted while mapping over " + list.size() + " items", e);
            } finally {
                pool.shutdownNow();
            }
        }

        private Object runItem(List<?> list, int index, Run run, State state, Span span) {
            try (Span item = span.child(each.name + " [" + index + "]", SpanKind.STEP)) {
                item.set(LlmOpsAttributes.CHAIN_NAME, each.name);
                try {
                    return each.runSteps(list.get(index), run, state.copy(), item);
                } catch (RuntimeException e) {
                    item.fail(e);
                    throw e;
                }
            }
        }

        @Override
        void describe(ObjectNode node) {
            node.put("kind", "map");
            node.put("maxConcurrency", maxConcurrency);
            each.describeInto(node.putObject("each"));
        }

        @Override
        Step renamed(String newName) {
            return new MapStep(newName, items, each, maxConcurrency);
        }
    }
}
