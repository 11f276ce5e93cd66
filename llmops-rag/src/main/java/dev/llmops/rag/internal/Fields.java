package dev.llmops.rag.internal;

/** Lucene field names of the llmops-rag index layout. Internal: not part of the public API. */
public final class Fields {

    private Fields() {
    }

    /** Chunk id: {@code StringField}, stored; the update key. */
    public static final String ID = "id";
    /** Source document id: {@code StringField}, stored. */
    public static final String DOCUMENT_ID = "doc_id";
    /** Analysed text for BM25: {@code TextField}, not stored. */
    public static final String TEXT = "text";
    /** The verbatim text: {@code StoredField}. */
    public static final String STORED_TEXT = "text_stored";
    /** SHA-256 of the chunk text: {@code StoredField}. */
    public static final String TEXT_HASH = "text_hash";
    /** Metadata as JSON: {@code StoredField}. */
    public static final String METADATA_JSON = "meta_json";
    /** Source document content hash: {@code StringField}, stored. */
    public static final String DOCUMENT_HASH = "doc_hash";
    /**
     * What a search result needs (chunk id, document id, text, metadata JSON), as one uncompressed
     * {@code BinaryDocValuesField}: reading a hit costs a seek instead of decompressing a stored-field
     * block. Written since index layout 1 as well; segments written without it are read from the
     * stored fields.
     */
    public static final String CHUNK_DV = "chunk_dv";
    /** The embedding: {@code KnnFloatVectorField} (cosine). */
    public static final String VECTOR = "vec";
    /** Prefix of keyword metadata fields ({@code StringField}). */
    public static final String STRING_PREFIX = "s.";
    /** Prefix of numeric metadata fields ({@code DoublePoint} over the value as a double). */
    public static final String NUMBER_PREFIX = "n.";
    /** Prefix of boolean metadata fields ({@code StringField} "true"/"false"). */
    public static final String BOOLEAN_PREFIX = "b.";

    /** Commit user data key: the embedding model name. */
    public static final String COMMIT_MODEL = "llmops.embedding.model";
    /** Commit user data key: the embedding dimension. */
    public static final String COMMIT_DIMENSION = "llmops.embedding.dimension";
    /** Commit user data key: the index layout version. */
    public static final String COMMIT_FORMAT = "llmops.format";
}
