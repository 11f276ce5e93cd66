package dev.llmops.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson configuration every llmops4j module uses for its own JSON: ISO-8601 timestamps,
 * {@code Optional} and {@code java.time} support, unknown properties rejected.
 *
 * <p>{@link #reader()} and {@link #writer()} are immutable and may be shared; {@link #newMapper()}
 * returns a fresh mapper a caller may configure further without affecting anyone else.
 *
 * @since 0.1.0
 */
public final class LlmOpsJson {

    private static final ObjectMapper MAPPER = newMapper();
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();

    private LlmOpsJson() {
    }

    /** A new, independently configurable mapper with llmops4j's settings. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A shared, immutable reader with llmops4j's settings. */
    public static ObjectReader reader() {
        return READER;
    }

    /** A shared, immutable writer with llmops4j's settings (compact output). */
    public static ObjectWriter writer() {
        return WRITER;
    }
}
