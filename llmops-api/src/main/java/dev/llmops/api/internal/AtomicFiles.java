package dev.llmops.api.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader sees either the old content or the whole new content, never a
 * part: write to a temporary file in the same directory, force it to disk, then rename.
 * Internal: not part of the public API.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Replaces {@code target} atomically with {@code content}. */
    public static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code target} atomically with {@code content}. */
    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = temp(target, content);
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates {@code target} with {@code content} only if it does not exist yet, atomically: of
     * several processes racing to create the same file, exactly one succeeds.
     *
     * @return true if this call created the file, false if it already existed
     */
    public static boolean createNew(Path target, byte[] content) throws IOException {
        Path tmp = temp(target, content);
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // No hard links on this file system: fall back to an exclusive create + copy.
            try {
                Files.write(target, content, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e2) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temp(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that creates the file rw------- whatever the umask, and the
        // rename would carry those permissions to files people edit or CI uploads.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }
}
