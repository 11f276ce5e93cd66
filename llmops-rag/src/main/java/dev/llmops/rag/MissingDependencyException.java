package dev.llmops.rag;

import dev.llmops.api.LlmOpsException;

/**
 * A feature needs an optional dependency that is not on the classpath. The message and
 * {@link #artifact()} name the Maven coordinates to add, e.g.
 * {@code dev.langchain4j:langchain4j-document-parser-apache-pdfbox} for PDF loading.
 *
 * @since 0.1.0
 */
public final class MissingDependencyException extends LlmOpsException {

    private static final long serialVersionUID = 1L;

    private final String artifact;

    /**
     * @param feature  what was attempted, e.g. {@code "loading PDF file a.pdf"}
     * @param artifact the missing Maven artifact as {@code groupId:artifactId}
     */
    public MissingDependencyException(String feature, String artifact) {
        super(feature + " needs the optional dependency " + artifact + ", which is not on the classpath: add "
                + artifact + " to your build");
        this.artifact = artifact;
    }

    /** The missing Maven artifact, {@code groupId:artifactId}. */
    public String artifact() {
        return artifact;
    }
}
