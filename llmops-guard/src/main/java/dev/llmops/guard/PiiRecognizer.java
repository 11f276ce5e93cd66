package dev.llmops.guard;

import java.util.List;

/**
 * The PII detector's extension point: finds one or more kinds of personal data in a text. Add one
 * with {@link PiiConfig.Builder#recognizer(PiiRecognizer)}, e.g. a name or address recognizer.
 *
 * <pre>{@code
 * PiiRecognizer employeeIds = text -> {
 *     List<PiiMatch> out = new ArrayList<>();
 *     Matcher m = Pattern.compile("\\bEMP-\\d{6}\\b").matcher(text); // com.google.re2j
 *     while (m.find()) {
 *         out.add(new PiiMatch("EMPLOYEE_ID", m.start(), m.end(), 0.9));
 *     }
 *     return out;
 * };
 * DetectorGuard pii = Guards.pii(PiiConfig.builder().recognizer(employeeIds).build()).redact();
 * }</pre>
 *
 * <p><b>Contract:</b> thread-safe; time linear in the text (use RE2/J, not
 * {@code java.util.regex}, for patterns); spans within the text. A recognizer that throws makes the
 * PII guard fail closed (block).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PiiRecognizer {

    /** The matches in {@code text}, in any order; overlaps are resolved by the detector. */
    List<PiiMatch> recognize(String text);
}
