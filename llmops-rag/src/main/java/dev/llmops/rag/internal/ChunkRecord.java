package dev.llmops.rag.internal;

import org.apache.lucene.util.BytesRef;

import java.nio.charset.StandardCharsets;

/**
 * The binary layout of {@link Fields#CHUNK_DV}: four strings (chunk id, document id, text,
 * metadata JSON), each as a 4-byte big-endian length followed by its UTF-8 bytes. Internal: not
 * part of the public API.
 */
public final class ChunkRecord {

    private ChunkRecord() {
    }

    /** Builds a value from the four strings. */
    @FunctionalInterface
    public interface Factory<T> {
        T create(String id, String documentId, String text, String metadataJson);
    }

    /** Encodes the four strings into one doc value. */
    public static BytesRef encode(String id, String documentId, String text, String metadataJson) {
        byte[][] parts = {utf8(id), utf8(documentId), utf8(text), utf8(metadataJson)};
        long size = 0;
        for (byte[] p : parts) {
            size += 4L + p.length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("chunk '" + id + "' is too large to index: " + size + " bytes");
        }
        byte[] out = new byte[(int) size];
        int at = 0;
        for (byte[] p : parts) {
            out[at] = (byte) (p.length >>> 24);
            out[at + 1] = (byte) (p.length >>> 16);
            out[at + 2] = (byte) (p.length >>> 8);
            out[at + 3] = (byte) p.length;
            System.arraycopy(p, 0, out, at + 4, p.length);
            at += 4 + p.length;
        }
        return new BytesRef(out);
    }

    /** Decodes a value written by {@link #encode}. */
    public static <T> T decode(BytesRef value, Factory<T> factory) {
        String[] parts = new String[4];
        int at = value.offset;
        int end = value.offset + value.length;
        byte[] b = value.bytes;
        for (int i = 0; i < 4; i++) {
            if (at + 4 > end) {
                throw new IllegalStateException("corrupt " + Fields.CHUNK_DV + " value: " + value.length + " bytes");
            }
            int len = ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            at += 4;
            if (len < 0 || len > end - at) {
                throw new IllegalStateException("corrupt " + Fields.CHUNK_DV + " value: part " + i + " of " + len
                        + " bytes exceeds the value");
            }
            parts[i] = new String(b, at, len, StandardCharsets.UTF_8);
            at += len;
        }
        return factory.create(parts[0], parts[1], parts[2], parts[3]);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
