package dev.llmops.benchmarks.guard;

import dev.llmops.guard.internal.ReferenceVectors;
import dev.llmops.guard.internal.SemanticIndex;
import dev.llmops.guard.internal.SingleThreadedBge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Embeds the shipped prompt-injection reference set with the default model and writes the vectors that
 * {@code Guards.promptInjection()} loads instead of embedding at warm-up. Run it from the repository root after
 * editing {@code reference.jsonl} (the guard module's tests fail while the vectors are stale):
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.llmops.benchmarks.guard.WriteReferenceVectors [reference.jsonl [out]]</pre>
 *
 * The reference set is read from the source tree (not the classpath), so a rebuild is not needed first.
 */
public final class WriteReferenceVectors {

    private WriteReferenceVectors() {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args.length > 0 ? args[0] : "llmops-guard/src/main/resources" + SemanticIndex.DEFAULT_RESOURCE);
        Path out = Path.of(args.length > 1 ? args[1]
                : "llmops-guard/src/main/resources" + ReferenceVectors.DEFAULT_RESOURCE);
        List<SemanticIndex.Reference> references = SemanticIndex.load(in);
        long t0 = System.nanoTime();
        float[][] vectors = SemanticIndex.embed(SingleThreadedBge.shared(), references);
        ReferenceVectors.write(out, ReferenceVectors.DEFAULT_MODEL_KEY, references, vectors);
        System.out.printf("%d reference vectors (%s) written to %s in %.1f s%n", vectors.length,
                ReferenceVectors.fingerprint(references).substring(0, 12), out, (System.nanoTime() - t0) / 1e9);
    }
}
