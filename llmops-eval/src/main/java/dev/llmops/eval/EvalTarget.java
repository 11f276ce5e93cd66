package dev.llmops.eval;

import dev.llmops.api.model.LanguageModel;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a suite evaluates: anything that turns an {@link EvalInput} into an {@link EvalOutput}. A
 * {@link LanguageModel}, a chain, or any Java function plugs in:
 *
 * <pre>{@code
 * EvalTarget model = EvalTarget.model(LanguageModel.of(chatModel));
 * EvalTarget chain = input -> EvalOutput.of(supportChain.run(input.vars().get("question")));
 * EvalTarget fn = EvalTarget.function(vars -> answer(vars.get("question")));
 * }</pre>
 *
 * <p><b>Contract:</b> thread-safe; the runner calls it concurrently. Any exception, a {@code null}
 * output or a timeout becomes a case result with status {@link AssertionStatus#ERROR} and the reason;
 * it never aborts the run.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EvalTarget {

    /** Produces the output for one case. */
    EvalOutput run(EvalInput input) throws Exception;

    /**
     * A target that sends {@link EvalInput#toRequest()} to the model: the rendered prompt (or the
     * question), with the run's cache mode and the case span as parent.
     */
    static EvalTarget model(LanguageModel model) {
        Objects.requireNonNull(model, "model");
        return new ModelTarget(model);
    }

    /** A target computing the output text from the case's variables. */
    static EvalTarget function(Function<Map<String, String>, String> fn) {
        Objects.requireNonNull(fn, "fn");
        return input -> {
            String out = fn.apply(input.vars());
            if (out == null) {
                throw new IllegalStateException("function returned null");
            }
            return EvalOutput.of(out);
        };
    }

    /** The model behind a {@link #model} target; kept so dry runs can price it. */
    record ModelTarget(LanguageModel model) implements EvalTarget {
        public ModelTarget {
            Objects.requireNonNull(model, "model");
        }

        @Override
        public EvalOutput run(EvalInput input) {
            return EvalOutput.of(model.generate(input.toRequest()));
        }
    }
}
