package dev.llmops.rag;

import dev.llmops.api.retrieval.Chunk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashRecoveryTest}: ingests batches of 50 chunks forever into the
 * index directory given as argument, committing after each batch and printing "committed N".
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        LuceneIndex index = LuceneIndex.open(Path.of(args[0]), new HashingEmbeddingModel());
        for (int batch = 0; ; batch++) {
            List<Chunk> chunks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                chunks.add(Chunk.of("b" + batch + "-" + i, "doc" + batch, "tent stove lantern batch " + batch + " item " + i));
            }
            index.upsert(chunks);
            if (batch % 2 == 0) {
                index.commit();
                System.out.println("committed " + (batch + 1));
                System.out.flush();
            }
        }
    }
}
