package dev.llmops.guard.internal;

import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.GuardContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Zero-width characters, bidi controls, tag characters and mixed-script words. A redaction removes
 * invisible characters and folds mixed-script words to Latin. Thread-safe.
 */
public final class InvisibleTextDetector implements Detector {

    private static final String[] TYPES = {"ZERO_WIDTH", "BIDI_CONTROL", "TAG_CHARACTERS"};
    private static final double[] SCORES = {0.6, 0.8, 0.95};

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        List<Detection> out = new ArrayList<>();
        for (int[] r : Unicode.invisibleRuns(text)) {
            String type = TYPES[r[2]];
            out.add(new Detection(new Finding(type, "invisible." + type.toLowerCase(java.util.Locale.ROOT), r[0], r[1],
                    SCORES[r[2]], (r[1] - r[0]) + " invisible char(s)"), ""));
        }
        for (int[] w : Unicode.mixedScriptWords(text)) {
            out.add(new Detection(new Finding("MIXED_SCRIPT", "invisible.mixed_script", w[0], w[1], 0.7,
                    "word mixes Latin with Cyrillic or Greek letters"), Unicode.foldWord(text.substring(w[0], w[1]))));
        }
        return out;
    }
}
