package dev.llmops.guard;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.guard.internal.Detection;
import dev.llmops.guard.internal.DomainAllowListDetector;
import dev.llmops.guard.internal.GroundednessDetector;
import dev.llmops.guard.internal.InvisibleTextDetector;
import dev.llmops.guard.internal.JsonDetector;
import dev.llmops.guard.internal.LimitDetectors;
import dev.llmops.guard.internal.PatternDetector;
import dev.llmops.guard.internal.PiiDetector;
import dev.llmops.guard.internal.RefusalDetector;
import dev.llmops.guard.internal.SecretsDetector;
import dev.llmops.guard.internal.StagedGuard;
import dev.llmops.guard.internal.TokenBuckets;
import dev.llmops.guard.internal.TopicDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Static factories for the built-in guards. Each returns an immutable guard; derive variants with
 * its {@code withX} / action methods.
 *
 * <pre>{@code
 * Guard pii = Guards.pii().redact().reversible();
 * Guard secrets = Guards.secrets();                 // blocks
 * Guard injection = Guards.promptInjection();       // signatures + BGE kNN
 * Guard json = Guards.jsonSchema(schemaJson);        // re-prompts on invalid output
 * }</pre>
 *
 * <p>Stateless; every factory returns a new immutable, thread-safe guard.
 *
 * @since 0.1.0
 */
public final class Guards {

    private Guards() {
    }

    /** PII with the default configuration ({@link PiiConfig#defaults()}); blocks by default. */
    public static DetectorGuard pii() {
        return pii(PiiConfig.defaults());
    }

    /** PII with a custom configuration; blocks by default. */
    public static DetectorGuard pii(PiiConfig config) {
        Objects.requireNonNull(config, "config");
        return new DetectorGuard("pii", new PiiDetector(config), GuardAction.BLOCK, StagedGuard.COST_PATTERN);
    }

    /**
     * Credentials (provider keys, JWTs, PEM private keys, generic high-entropy assignments); blocks
     * by default. Generic assignments need a value of at least 8 characters with at least 3.0 bits
     * of entropy per character.
     */
    public static DetectorGuard secrets() {
        return secrets(3.0, 8);
    }

    /**
     * Credentials with a custom generic-assignment threshold.
     *
     * @param minEntropy minimum Shannon entropy in bits per character, in [0, 8]
     * @param minLength  minimum value length, > 0
     * @throws IllegalArgumentException when a threshold is out of range
     */
    public static DetectorGuard secrets(double minEntropy, int minLength) {
        if (!(minEntropy >= 0 && minEntropy <= 8)) {
            throw new IllegalArgumentException("minEntropy must be in [0, 8] but was: " + minEntropy);
        }
        if (minLength <= 0) {
            throw new IllegalArgumentException("minLength must be > 0 but was: " + minLength);
        }
        return new DetectorGuard("secrets", new SecretsDetector(minEntropy, minLength), GuardAction.BLOCK,
                StagedGuard.COST_PATTERN);
    }

    /**
     * Prompt injection and jailbreaks: normalisation, signatures and the semantic kNN layer with the
     * in-process BGE small model (loaded and the reference set embedded on first use); blocks at
     * score 0.5. See {@link PromptInjectionGuard}.
     */
    public static PromptInjectionGuard promptInjection() {
        return PromptInjectionGuard.defaults();
    }

    /**
     * Prompt injection with the semantic layer using {@code model} instead of the default BGE model
     * (the BGE artifact may then be excluded from the classpath). The shipped reference vectors belong to the
     * default model, so the reference set (3,620 texts) is embedded with {@code model} on warm-up or first
     * check: about a minute on 2 cores for a BGE-small-sized model, even for LangChain4j's own BGE class. Prefer
     * {@link #promptInjection()} when the default model is what you want.
     */
    public static PromptInjectionGuard promptInjection(EmbeddingModel model) {
        return PromptInjectionGuard.withModel(model);
    }

    /**
     * Prompt injection by normalisation and signatures only: microseconds, no embedding model, high
     * precision but low recall on paraphrased attacks (see the module README).
     */
    public static PromptInjectionGuard promptInjectionSignatures() {
        return PromptInjectionGuard.signaturesOnly();
    }

    /**
     * Zero-width characters, bidi controls, Unicode tag characters and mixed-script words; blocks by
     * default. Redacting removes the invisible characters and folds look-alike letters to Latin.
     */
    public static DetectorGuard invisibleText() {
        return new DetectorGuard("invisible_text", new InvisibleTextDetector(), GuardAction.BLOCK,
                StagedGuard.COST_PATTERN);
    }

    /**
     * Case-insensitive banned substrings; blocks by default.
     *
     * @throws IllegalArgumentException when none is given or one is empty
     */
    public static DetectorGuard bannedSubstrings(String... substrings) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < substrings.length; i++) {
            String s = Objects.requireNonNull(substrings[i], "substrings[" + i + "]");
            if (s.isEmpty()) {
                throw new IllegalArgumentException("substrings[" + i + "] must not be empty");
            }
            list.add(s);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("bannedSubstrings needs at least one substring");
        }
        return new DetectorGuard("banned_substrings", PatternDetector.literalDetector("BANNED_SUBSTRING",
                "content.banned_substring", list), GuardAction.BLOCK, StagedGuard.COST_PATTERN);
    }

    /**
     * Banned RE2/J regular expressions (linear time: a user-supplied pattern cannot hang the guard);
     * blocks by default. Use {@code (?i)} for case-insensitive patterns.
     *
     * @throws IllegalArgumentException when none is given or a pattern does not compile (the message
     *                                  names its index and the syntax error)
     */
    public static DetectorGuard bannedRegex(String... regexes) {
        List<Pattern> list = new ArrayList<>();
        for (int i = 0; i < regexes.length; i++) {
            String r = Objects.requireNonNull(regexes[i], "regexes[" + i + "]");
            try {
                list.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regexes[" + i + "] is not a valid RE2/J pattern: "
                        + e.getMessage(), e);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("bannedRegex needs at least one pattern");
        }
        return new DetectorGuard("banned_regex", new PatternDetector("BANNED_PATTERN", "content.banned_regex", list),
                GuardAction.BLOCK, StagedGuard.COST_PATTERN);
    }

    /**
     * Links (http, https, ftp, www.) only to these domains or their subdomains; blocks by default.
     *
     * @throws IllegalArgumentException when no domain is given or one is blank
     */
    public static DetectorGuard allowedDomains(String... domains) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < domains.length; i++) {
            String d = Objects.requireNonNull(domains[i], "domains[" + i + "]").strip();
            if (d.isEmpty() || d.contains("/") || d.contains(" ")) {
                throw new IllegalArgumentException("domains[" + i + "] must be a host name but was: '" + domains[i] + "'");
            }
            list.add(d);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("allowedDomains needs at least one domain");
        }
        return new DetectorGuard("allowed_domains", new DomainAllowListDetector(list), GuardAction.BLOCK,
                StagedGuard.COST_PATTERN);
    }

    /**
     * Texts semantically close to one of the banned topic descriptions (cosine similarity at or
     * above {@code threshold} under {@code model}); blocks by default.
     *
     * @throws IllegalArgumentException when no topic is given or the threshold is outside (0, 1]
     */
    public static DetectorGuard bannedTopics(EmbeddingModel model, double threshold, String... topics) {
        Objects.requireNonNull(model, "model");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1] but was: " + threshold);
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < topics.length; i++) {
            String t = Objects.requireNonNull(topics[i], "topics[" + i + "]");
            if (t.isBlank()) {
                throw new IllegalArgumentException("topics[" + i + "] must not be blank");
            }
            list.add(t);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("bannedTopics needs at least one topic");
        }
        return new DetectorGuard("banned_topics", new TopicDetector(model, list, threshold, 2_000), GuardAction.BLOCK,
                StagedGuard.COST_EMBEDDING);
    }

    /**
     * At most {@code maxChars} characters; blocks by default.
     *
     * @throws IllegalArgumentException when not positive
     */
    public static DetectorGuard maxLength(int maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be > 0 but was: " + maxChars);
        }
        return new DetectorGuard("max_length", LimitDetectors.maxChars(maxChars), GuardAction.BLOCK,
                StagedGuard.COST_LIMIT);
    }

    /**
     * At most {@code maxTokens} tokens as {@link dev.llmops.api.model.TokenEstimator} counts them;
     * blocks by default.
     *
     * @throws IllegalArgumentException when not positive
     */
    public static DetectorGuard maxTokens(int maxTokens) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0 but was: " + maxTokens);
        }
        return new DetectorGuard("max_tokens", LimitDetectors.maxTokens(maxTokens), GuardAction.BLOCK,
                StagedGuard.COST_LIMIT);
    }

    /**
     * A per-key token-bucket rate limiter keyed by {@link GuardContext#key()} (texts without a key
     * share one anonymous bucket); blocks when the bucket is empty. The guard holds the buckets:
     * guards derived from it (e.g. {@code .warn()}) share them.
     */
    public static DetectorGuard rateLimit(RateLimit rate) {
        Objects.requireNonNull(rate, "rate");
        double perNano = rate.capacity() / (double) rate.period().toNanos();
        return new DetectorGuard("rate_limit", new TokenBuckets(rate.capacity(), perNano, rate.ticker(), rate.maxKeys()),
                GuardAction.BLOCK, StagedGuard.COST_LIMIT);
    }

    /** Strict JSON validity (nesting depth at most 256); re-prompts by default. */
    public static DetectorGuard json() {
        return new DetectorGuard("json", new JsonDetector(null, 256), GuardAction.REPROMPT, StagedGuard.COST_PATTERN);
    }

    /**
     * JSON validity and conformance to a JSON schema (draft 2020-12 unless the schema's
     * {@code $schema} says otherwise); re-prompts by default.
     *
     * @throws IllegalArgumentException when the schema is not valid JSON or not a valid schema
     */
    public static DetectorGuard jsonSchema(String schemaJson) {
        Objects.requireNonNull(schemaJson, "schemaJson");
        JsonSchema schema;
        try {
            JsonDetector parser = new JsonDetector(null, 256);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(parser.parse(schemaJson));
            schema.initializeValidators();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("schemaJson is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schemaJson is not a valid JSON schema: " + e.getMessage(), e);
        }
        return new DetectorGuard("json_schema", new JsonDetector(schema, 256), GuardAction.REPROMPT,
                StagedGuard.COST_PATTERN);
    }

    /** Model refusals ("I'm sorry, but I can't help with that"); re-prompts by default. */
    public static DetectorGuard refusal() {
        return new DetectorGuard("refusal", new RefusalDetector(), GuardAction.REPROMPT, StagedGuard.COST_PATTERN);
    }

    /** PII or secrets in a model's answer (default PII configuration); blocks by default. */
    public static DetectorGuard noPiiLeak() {
        return noPiiLeak(PiiConfig.defaults());
    }

    /** PII (with this configuration) or secrets in a model's answer; blocks by default. */
    public static DetectorGuard noPiiLeak(PiiConfig config) {
        PiiDetector pii = new PiiDetector(Objects.requireNonNull(config, "config"));
        SecretsDetector secrets = new SecretsDetector(3.0, 8);
        return new DetectorGuard("no_pii_leak", (text, ctx) -> {
            List<Detection> all = new ArrayList<>(secrets.detect(text, ctx));
            all.addAll(pii.detect(text, ctx));
            return all;
        }, GuardAction.BLOCK, StagedGuard.COST_PATTERN);
    }

    /**
     * Every sentence of the answer supported by the chunks in {@link GuardContext#retrieved()}
     * (lexical support >= 0.5); re-prompts by default. Unsupported sentences are findings with
     * their spans. Add an LLM judge with {@link GroundednessGuard#withJudge}.
     *
     * <pre>{@code
     * GroundednessGuard grounded = Guards.groundedness().withJudge(LanguageModel.of(chatModel));
     * GuardResult r = grounded.check(answer, GuardContext.builder(GuardStage.OUTPUT).retrieved(chunks).build());
     * }</pre>
     *
     * @since 0.1.0
     */
    public static GroundednessGuard groundedness() {
        return groundedIn(Guards::retrievedTexts, GroundednessGuard.DEFAULT_MIN_SUPPORT, null);
    }

    /**
     * Groundedness with lexical and embedding support (mean of both) against the retrieved chunks.
     *
     * @since 0.1.0
     */
    public static GroundednessGuard groundedness(EmbeddingModel model) {
        return groundedIn(Guards::retrievedTexts, GroundednessGuard.DEFAULT_MIN_SUPPORT,
                Objects.requireNonNull(model, "model"));
    }

    /**
     * Groundedness against the passages {@code contextSource} returns for a check.
     *
     * @param contextSource the passages to ground in, e.g. {@code ctx -> List.of(policyText)}
     * @param minSupport    a sentence below this support (in (0, 1]) is unsupported
     * @param model         an embedding model for semantic support, or {@code null} for lexical only
     * @throws IllegalArgumentException when {@code minSupport} is outside (0, 1]
     * @since 0.1.0
     */
    public static GroundednessGuard groundedIn(Function<GuardContext, List<String>> contextSource, double minSupport,
                                               EmbeddingModel model) {
        Objects.requireNonNull(contextSource, "contextSource");
        if (!(minSupport > 0 && minSupport <= 1)) {
            throw new IllegalArgumentException("minSupport must be in (0, 1] but was: " + minSupport);
        }
        return new GroundednessGuard(new GroundednessDetector(contextSource, minSupport, model));
    }

    private static List<String> retrievedTexts(GuardContext ctx) {
        List<String> out = new ArrayList<>();
        for (ScoredChunk c : ctx.retrieved()) {
            out.add(c.text());
        }
        return out;
    }

    static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank but was: '" + name + "'");
        }
        return name;
    }

    static String requireType(String type) {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty() || !type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            throw new IllegalArgumentException("type must be UPPER_SNAKE_CASE but was: '" + type + "'");
        }
        return type;
    }
}
