package dev.llmops.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.internal.AtomicFiles;
import dev.llmops.api.internal.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link ResponseCache} in a directory: one JSON file per entry at {@code <dir>/<k0k1>/<key>.json}.
 * Entries survive restarts and may be shared by processes on one machine.
 *
 * <p>Every write goes to a temporary file that is renamed into place, so a reader never sees a
 * half-written entry. Each file carries the key and a SHA-256 of its payload; a file that is
 * truncated, unparsable, for another key or fails its checksum is logged, deleted and treated as
 * a miss, never served.
 *
 * <p><b>Thread safety:</b> thread-safe, and safe for several processes on one directory (last
 * writer wins, which is harmless for identical requests).
 *
 * @since 0.1.0
 */
public final class DiskResponseCache implements ResponseCache {

    private static final Logger LOG = LoggerFactory.getLogger(DiskResponseCache.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = LlmOpsJson.newMapper();

    private final Path dir;
    private final Duration ttl;
    private final Clock clock;

    private DiskResponseCache(Path dir, Duration ttl, Clock clock) {
        this.dir = dir;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Opens (creating if needed) a cache directory whose entries are served for {@code ttl}.
     *
     * @throws UncheckedIOException when the directory cannot be created
     */
    public static DiskResponseCache open(Path dir, Duration ttl) {
        return open(dir, ttl, Clock.systemUTC());
    }

    /** As {@link #open(Path, Duration)} with an explicit clock (for tests). */
    public static DiskResponseCache open(Path dir, Duration ttl, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be > 0 but was: " + ttl);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cache directory " + dir, e);
        }
        return new DiskResponseCache(dir, ttl, Objects.requireNonNull(clock, "clock"));
    }

    /** The cache directory. */
    public Path directory() {
        return dir;
    }

    /** The file an entry lives in. */
    public Path fileFor(String key) {
        checkKey(key);
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }

    @Override
    public Optional<CachedResponse> get(String key) {
        Path file = fileFor(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("response cache: cannot read {}; treating as a miss: {}", file, e.toString());
            return Optional.empty();
        }
        try {
            JsonNode root = MAPPER.readTree(bytes);
            if (root == null || !key.equals(text(root, "key"))) {
                return corrupt(file, "entry is for another key or has none");
            }
            JsonNode payload = root.get("response");
            if (payload == null || !payload.isObject()) {
                return corrupt(file, "missing 'response'");
            }
            String expected = text(root, "sha256");
            if (expected == null || !expected.equals(Hashing.sha256Hex(payload.toString()))) {
                return corrupt(file, "checksum mismatch");
            }
            CachedResponse r = MAPPER.treeToValue(payload, CachedResponse.class);
            if (r.createdAt().plus(ttl).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            return corrupt(file, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || !n.isTextual() ? null : n.asText();
    }

    private Optional<CachedResponse> corrupt(Path file, String why) {
        LOG.warn("response cache: skipping corrupt entry {} ({}); it is deleted and will not be served", file, why);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("response cache: cannot delete corrupt entry {}: {}", file, e.toString());
        }
        return Optional.empty();
    }

    @Override
    public void put(String key, CachedResponse response) {
        Path file = fileFor(key);
        Objects.requireNonNull(response, "response");
        ObjectNode root = MAPPER.createObjectNode();
        JsonNode payload = MAPPER.valueToTree(response);
        root.put("key", key);
        root.put("sha256", Hashing.sha256Hex(payload.toString()));
        root.set("response", payload);
        try {
            AtomicFiles.write(file, root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache entry " + file, e);
        }
    }

    @Override
    public void invalidate(String key) {
        try {
            Files.deleteIfExists(fileFor(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete cache entry for " + key, e);
        }
    }

    @Override
    public void clear() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear cache directory " + dir, e);
        }
    }

    private static void checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("cache key must be 64 lowercase hex digits but was: " + key);
        }
    }

    @Override
    public String toString() {
        return "DiskResponseCache[" + dir + ", ttl=" + ttl + "]";
    }
}
