package dev.llmops.api.guard;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a guard (or a whole guard stage) decided about a text: the verdict, each finding with its
 * span, rule and 0-1 risk, the original text, the sanitized text and a reason. The caller always
 * gets the original, the fix and the reason: nothing is rewritten silently.
 *
 * <p>{@link #restorations()} maps placeholders such as {@code <EMAIL_1>} back to original values
 * when the guard was asked for a reversible redaction; it is excluded from {@link #toString()}
 * and from JSON, since it holds the sensitive values.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class GuardResult {

    private final String guardName;
    private final Verdict verdict;
    private final List<Finding> findings;
    private final String originalText;
    private final String sanitizedText;
    private final String reason;
    private final Duration latency;
    @JsonIgnore
    private final Map<String, String> restorations;

    private GuardResult(Builder b) {
        this.guardName = b.guardName;
        this.verdict = b.verdict;
        this.findings = List.copyOf(b.findings);
        this.originalText = b.originalText;
        this.sanitizedText = b.sanitizedText == null ? b.originalText : b.sanitizedText;
        this.reason = b.reason == null ? defaultReason(b.verdict, this.findings) : b.reason;
        this.latency = b.latency;
        this.restorations = Collections.unmodifiableMap(new LinkedHashMap<>(b.restorations));
    }

    private static String defaultReason(Verdict verdict, List<Finding> findings) {
        if (findings.isEmpty()) {
            return verdict == Verdict.PASS ? "no findings" : verdict.name().toLowerCase(java.util.Locale.ROOT);
        }
        Map<String, Integer> byType = new LinkedHashMap<>();
        findings.forEach(f -> byType.merge(f.type(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder();
        byType.forEach((t, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(" x ").append(t));
        return sb.toString();
    }

    /** A pass with no findings. */
    public static GuardResult pass(String guardName, String text) {
        return builder(guardName, text).build();
    }

    public static Builder builder(String guardName, String originalText) {
        return new Builder(guardName, originalText);
    }

    public Builder toBuilder() {
        Builder b = new Builder(guardName, originalText).verdict(verdict).findings(findings).latency(latency);
        b.sanitizedText = sanitizedText;
        b.reason = reason;
        b.restorations.putAll(restorations);
        return b;
    }

    public String guardName() {
        return guardName;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** True unless the verdict is {@link Verdict#BLOCK} or {@link Verdict#REPROMPT}. */
    public boolean passed() {
        return verdict == Verdict.PASS || verdict == Verdict.PASS_WITH_REWRITE;
    }

    public boolean blocked() {
        return verdict == Verdict.BLOCK;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The highest finding score, 0 when there are none. */
    public double maxScore() {
        return findings.stream().mapToDouble(Finding::score).max().orElse(0.0);
    }

    /** The text as it came in. */
    public String originalText() {
        return originalText;
    }

    /** The text to use downstream: the original unless a guard rewrote it. */
    public String sanitizedText() {
        return sanitizedText;
    }

    /** A one-line explanation without sensitive values, e.g. {@code 1 x EMAIL, 1 x CREDIT_CARD}. */
    public String reason() {
        return reason;
    }

    public Duration latency() {
        return latency;
    }

    /** Placeholder to original value, for reversible redaction; empty otherwise. Sensitive. */
    public Map<String, String> restorations() {
        return restorations;
    }

    /** Replaces placeholders in {@code text} (e.g. a model answer) with their original values. */
    public String restore(String text) {
        String out = text;
        for (Map.Entry<String, String> e : restorations.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * Combines results of guards run one after another on the same original text: the strictest
     * verdict, all findings, the last sanitized text, the reasons joined.
     *
     * @param stageName the name of the combined result (e.g. {@code input})
     */
    public static GuardResult combine(String stageName, String originalText, List<GuardResult> results) {
        Builder b = builder(stageName, originalText);
        Verdict v = Verdict.PASS;
        List<Finding> all = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        String sanitized = originalText;
        Duration total = Duration.ZERO;
        for (GuardResult r : results) {
            v = v.max(r.verdict);
            all.addAll(r.findings);
            if (r.verdict != Verdict.PASS || !r.findings.isEmpty()) {
                reasons.add(r.guardName + ": " + r.reason);
            }
            sanitized = r.sanitizedText;
            total = total.plus(r.latency);
            b.restorations.putAll(r.restorations);
        }
        b.verdict(v).findings(all).sanitizedText(sanitized).latency(total)
                .reason(reasons.isEmpty() ? "no findings" : String.join("; ", reasons));
        return b.build();
    }

    @Override
    public String toString() {
        return "GuardResult[" + guardName + ": " + verdict + ", " + findings.size() + " finding(s), reason=" + reason
                + ", rewritten=" + !sanitizedText.equals(originalText) + "]";
    }

    /** Builds a {@link GuardResult}. Not thread-safe. */
    public static final class Builder {
        private final String guardName;
        private final String originalText;
        private Verdict verdict = Verdict.PASS;
        private List<Finding> findings = List.of();
        private String sanitizedText;
        private String reason;
        private Duration latency = Duration.ZERO;
        private final Map<String, String> restorations = new LinkedHashMap<>();

        private Builder(String guardName, String originalText) {
            this.guardName = Objects.requireNonNull(guardName, "guardName");
            this.originalText = Objects.requireNonNull(originalText, "originalText");
        }

        public Builder verdict(Verdict verdict) {
            this.verdict = Objects.requireNonNull(verdict, "verdict");
            return this;
        }

        public Builder findings(List<Finding> findings) {
            this.findings = List.copyOf(findings);
            return this;
        }

        public Builder sanitizedText(String sanitizedText) {
            this.sanitizedText = Objects.requireNonNull(sanitizedText, "sanitizedText");
            return this;
        }

        public Builder reason(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        /** Records that {@code placeholder} stands for {@code original} (reversible redaction). */
        public Builder restoration(String placeholder, String original) {
            restorations.put(Objects.requireNonNull(placeholder, "placeholder"),
                    Objects.requireNonNull(original, "original"));
            return this;
        }

        public GuardResult build() {
            return new GuardResult(this);
        }
    }
}
