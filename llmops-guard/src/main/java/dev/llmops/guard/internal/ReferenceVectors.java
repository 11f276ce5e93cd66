package dev.llmops.guard.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The embedding vectors of the shipped reference set under the default model, computed once at build time and
 * shipped beside it, so that a guard on the default model starts in well under a second instead of embedding
 * every reference (tens of seconds on two cores).
 *
 * <p>Format (big-endian): the magic {@code "LLMV"}, format version 1, the model key (UTF), the fingerprint of the
 * reference set (UTF, see {@link #fingerprint}), the number of vectors and their dimension (ints), then the unit
 * vectors as floats, row after row. A file whose model key or fingerprint differs from the references it is
 * asked for is stale: {@link #read} then returns empty (with a warning) and the caller embeds the references
 * itself, so an edited reference set is never scored against old vectors.
 *
 * <p>Regenerate after editing {@code reference.jsonl}:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.llmops.benchmarks.guard.WriteReferenceVectors}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReferenceVectors {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceVectors.class);
    /** The vectors of {@link SemanticIndex#DEFAULT_RESOURCE} under {@link #DEFAULT_MODEL_KEY}. */
    public static final String DEFAULT_RESOURCE = "/dev/llmops/guard/injection/reference.bge-small-en-v15-q.vectors";
    /** The key of the default model ({@link SingleThreadedBge} and LangChain4j's class share its weights) and of the
     *  reference window it embeds ({@link SemanticIndex#REFERENCE_WINDOW_CHARS}). */
    public static final String DEFAULT_MODEL_KEY = "bge-small-en-v1.5-q/cls/normalized/window"
            + SemanticIndex.REFERENCE_WINDOW_CHARS;
    private static final int MAGIC = 0x4c4c4d56; // "LLMV"
    private static final int VERSION = 1;

    private ReferenceVectors() {
    }

    /** SHA-256 (hex) over the id, label, style and text of every reference, in order. */
    public static String fingerprint(List<SemanticIndex.Reference> references) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SemanticIndex.Reference r : references) {
                for (String part : new String[]{r.id(), r.attack() ? "attack" : "benign", r.style(), r.text()}) {
                    sha.update(part.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The vectors of {@code references} from the classpath resource, or empty when it is missing, unreadable,
     * for another model or for other references (logged at warn, except a missing resource).
     */
    public static Optional<float[][]> read(String resource, String modelKey, List<SemanticIndex.Reference> references) {
        try (InputStream raw = ReferenceVectors.class.getResourceAsStream(resource)) {
            if (raw == null) {
                return Optional.empty();
            }
            return read(raw, resource, modelKey, references);
        } catch (IOException e) {
            LOG.warn("cannot read the reference vectors {} ({}); embedding the reference set instead", resource,
                    e.toString());
            return Optional.empty();
        }
    }

    static Optional<float[][]> read(InputStream raw, String source, String modelKey,
                                    List<SemanticIndex.Reference> references) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            LOG.warn("{} is not a reference-vector file of version {}; embedding the reference set instead", source,
                    VERSION);
            return Optional.empty();
        }
        String key = in.readUTF();
        String fingerprint = in.readUTF();
        if (!key.equals(modelKey) || !fingerprint.equals(fingerprint(references))) {
            LOG.warn("{} is stale (model {}, fingerprint {}), not for these {} references; embedding them instead. "
                    + "Regenerate it with dev.llmops.benchmarks.guard.WriteReferenceVectors", source, key,
                    fingerprint, references.size());
            return Optional.empty();
        }
        int n = in.readInt();
        int d = in.readInt();
        if (n != references.size() || d <= 0 || d > 65_536) {
            LOG.warn("{} holds {} vectors of dimension {} for {} references; embedding them instead", source, n, d,
                    references.size());
            return Optional.empty();
        }
        float[][] v = new float[n][d];
        for (float[] row : v) {
            for (int j = 0; j < d; j++) {
                row[j] = in.readFloat();
            }
        }
        if (in.read() != -1) {
            LOG.warn("{} has trailing bytes; embedding the reference set instead", source);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** Writes the vectors to {@code out} through a temporary file in the same directory and an atomic move. */
    public static void write(Path out, String modelKey, List<SemanticIndex.Reference> references, float[][] vectors)
            throws IOException {
        if (vectors.length != references.size()) {
            throw new IllegalArgumentException(vectors.length + " vectors for " + references.size() + " references");
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                 DataOutputStream data = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
                data.writeInt(MAGIC);
                data.writeInt(VERSION);
                data.writeUTF(modelKey);
                data.writeUTF(fingerprint(references));
                int d = vectors.length == 0 ? 0 : vectors[0].length;
                data.writeInt(vectors.length);
                data.writeInt(d);
                for (float[] row : vectors) {
                    if (row.length != d) {
                        throw new IllegalArgumentException("vectors differ in dimension: " + row.length + " and " + d);
                    }
                    for (float f : row) {
                        data.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
