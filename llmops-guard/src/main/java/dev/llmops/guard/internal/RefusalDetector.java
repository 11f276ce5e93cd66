package dev.llmops.guard.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.llmops.api.guard.GuardContext;

import java.util.List;

/**
 * Recognises a model refusing ("I'm sorry, but I can't help with that", "As an AI language model,
 * I cannot ..."). Only the first 600 characters are inspected: refusals come first. Thread-safe.
 */
public final class RefusalDetector implements Detector {

    private static final Pattern REFUSAL = Pattern.compile("(?i)"
            + "\\b(?:i'?m|i am) (?:sorry|afraid),? (?:but )?(?:i|we) (?:can(?:'|no)?t|cannot|won'?t|am unable to|'m unable to|am not able to|'m not able to)\\b"
            + "|\\bi (?:can(?:'|no)?t|cannot|won'?t|will not|am unable to|'m unable to|am not able to|'m not able to|must decline to|have to decline to) (?:help|assist|comply|provide|fulfil+|do that|answer|support|share|create|generate|write|engage)\\b"
            + "|\\bas an ai(?: language model| assistant| model)?,? i (?:can(?:'|no)?t|cannot|don'?t|am not able|'m not able|am unable)\\b"
            + "|\\b(?:i must|i have to|i need to) (?:respectfully )?decline\\b"
            + "|\\b(?:this|that|your) request (?:goes against|violates|is against) (?:my|our|the) (?:guidelines|policies|policy|usage policies)\\b"
            + "|\\bi'?m not (?:comfortable|permitted|allowed) (?:helping|providing|doing|to)\\b"
            + "|\\blo siento,? (?:pero )?no puedo\\b|\\bes tut mir leid,? (?:aber )?ich kann\\b|\\bje suis désolé,? (?:mais )?je ne peux pas\\b");

    @Override
    public List<Detection> detect(String text, GuardContext context) {
        String head = text.length() > 600 ? text.substring(0, 600) : text;
        Matcher m = REFUSAL.matcher(head);
        if (m.find()) {
            return List.of(Detection.of("REFUSAL", "output.refusal", m.start(), m.end(), 0.9,
                    "the answer is a refusal"));
        }
        return List.of();
    }
}
