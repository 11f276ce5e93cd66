package dev.llmops.guard.internal;

import dev.llmops.api.guard.GuardContext;

import java.util.List;

/**
 * Finds things in a text. Implementations are thread-safe, run in time linear in the text and do
 * not throw for any text (the calling guard still catches, to fail closed).
 */
@FunctionalInterface
public interface Detector {

    /** Detections with spans into {@code text}, in any order, possibly overlapping. */
    List<Detection> detect(String text, GuardContext context);
}
