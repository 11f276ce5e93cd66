package dev.llmops.eval.junit;

import dev.llmops.eval.AssertionResult;
import dev.llmops.eval.CaseResult;
import dev.llmops.eval.EvalReport;
import dev.llmops.eval.EvalRunner;
import dev.llmops.eval.EvalSuite;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Turns an eval suite into JUnit 5 dynamic tests, one per case x prompt x target, so {@code mvn test}
 * fails the build when a case does not pass.
 *
 * <pre>{@code
 * class SupportEvalTest {
 *     @TestFactory
 *     Stream<DynamicTest> support_answers() {
 *         EvalRunner runner = EvalRunner.builder().target("rules", EvalTarget.function(Support::answer)).build();
 *         return EvalDynamicTests.of(EvalSuite.load(Path.of("evals/support.yaml")), runner);
 *     }
 * }
 * }</pre>
 *
 * <p>The suite runs once (concurrently, as the runner is configured) when the stream is created; each
 * dynamic test then reports one result, failing with the reasons, every assertion's score and the output.
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class EvalDynamicTests {

    private EvalDynamicTests() {
    }

    /** Runs the suite and returns one dynamic test per result. */
    public static Stream<DynamicTest> of(EvalSuite suite, EvalRunner runner) {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(runner, "runner");
        return of(runner.run(suite));
    }

    /** One dynamic test per result of an existing report. */
    public static Stream<DynamicTest> of(EvalReport report) {
        Objects.requireNonNull(report, "report");
        return report.results().stream().map(r -> DynamicTest.dynamicTest(r.key(), () -> check(r)));
    }

    private static void check(CaseResult r) {
        if (r.passed()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(r.key()).append(' ').append(r.status()).append(": ").append(r.reason()).append('\n');
        for (AssertionResult a : r.assertions()) {
            sb.append("  ").append(a.assertion()).append(' ').append(a.status())
                    .append(a.score().isPresent() ? String.format(Locale.ROOT, " score=%.4f", a.score().getAsDouble())
                            : "")
                    .append(": ").append(a.reason()).append('\n');
        }
        sb.append("  output: ").append(r.output());
        throw new AssertionFailedError(sb.toString(), r.expected().orElse(null), r.output());
    }
}
