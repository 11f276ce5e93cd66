package dev.llmops.guard.internal;

import java.util.List;

/**
 * One replacement a rewriting guard made: {@code [start, end)} of its input became
 * {@code replacementLength} characters.
 *
 * @param start             start in the guard's input (inclusive)
 * @param end               end in the guard's input (exclusive)
 * @param replacementLength length of the text that replaced it
 */
public record Edit(int start, int end, int replacementLength) {

    /**
     * Maps an offset in the rewritten text back to the text before the edits.
     *
     * @param edits sorted, non-overlapping edits
     * @param pos   offset in the rewritten text
     * @param isEnd whether {@code pos} is an exclusive end (inside a replacement it maps to the
     *              edit's end, a start maps to the edit's start)
     */
    public static int mapBack(List<Edit> edits, int pos, boolean isEnd) {
        int delta = 0;
        for (Edit e : edits) {
            int newStart = e.start + delta;
            int newEnd = newStart + e.replacementLength;
            if (pos <= newStart) {
                return pos - delta;
            }
            if (pos < newEnd) {
                return isEnd ? e.end : e.start;
            }
            delta += e.replacementLength - (e.end - e.start);
        }
        return pos - delta;
    }
}
