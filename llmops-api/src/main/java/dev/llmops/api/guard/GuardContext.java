package dev.llmops.api.guard;

import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.api.trace.TraceContext;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a guard may need beyond the text: the stage, the retrieved context (for groundedness), the
 * user's input (when checking an output), a key for per-user limits, and the parent span.
 *
 * <p>Immutable.
 *
 * @since 0.1.0
 */
public final class GuardContext {

    private static final GuardContext INPUT = builder(GuardStage.INPUT).build();
    private static final GuardContext OUTPUT = builder(GuardStage.OUTPUT).build();

    private final GuardStage stage;
    private final List<ScoredChunk> retrieved;
    private final String userInput;
    private final String key;
    private final TraceContext parent;

    private GuardContext(Builder b) {
        this.stage = b.stage;
        this.retrieved = List.copyOf(b.retrieved);
        this.userInput = b.userInput;
        this.key = b.key;
        this.parent = b.parent;
    }

    /** An input-stage context with nothing else. */
    public static GuardContext input() {
        return INPUT;
    }

    /** An output-stage context with nothing else. */
    public static GuardContext output() {
        return OUTPUT;
    }

    public static Builder builder(GuardStage stage) {
        return new Builder(stage);
    }

    public Builder toBuilder() {
        Builder b = new Builder(stage).retrieved(retrieved);
        b.userInput = userInput;
        b.key = key;
        b.parent = parent;
        return b;
    }

    public GuardStage stage() {
        return stage;
    }

    /** The chunks the answer should be grounded in; empty when none were retrieved. */
    public List<ScoredChunk> retrieved() {
        return retrieved;
    }

    /** The user's input, when checking an output. */
    public Optional<String> userInput() {
        return Optional.ofNullable(userInput);
    }

    /** A caller key (user, tenant, API key id) for per-key limits. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    public Optional<TraceContext> parent() {
        return Optional.ofNullable(parent);
    }

    /** Builds a {@link GuardContext}. Not thread-safe. */
    public static final class Builder {
        private final GuardStage stage;
        private List<ScoredChunk> retrieved = List.of();
        private String userInput;
        private String key;
        private TraceContext parent;

        private Builder(GuardStage stage) {
            this.stage = Objects.requireNonNull(stage, "stage");
        }

        public Builder retrieved(List<ScoredChunk> retrieved) {
            this.retrieved = List.copyOf(retrieved);
            return this;
        }

        public Builder userInput(String userInput) {
            this.userInput = Objects.requireNonNull(userInput, "userInput");
            return this;
        }

        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder parent(TraceContext parent) {
            this.parent = Objects.requireNonNull(parent, "parent");
            return this;
        }

        public GuardContext build() {
            return new GuardContext(this);
        }
    }
}
