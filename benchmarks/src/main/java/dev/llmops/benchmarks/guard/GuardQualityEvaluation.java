package dev.llmops.benchmarks.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.Guard;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.guard.Guards;
import dev.llmops.guard.PromptInjectionGuard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints precision, recall and F1 of the guard detectors on the labelled evaluation sets in
 * {@code llmops-guard/src/test/resources/eval} (written separately from the detectors' rules and from
 * the injection reference set): PII and secrets per type (a detection counts when its type matches and
 * its span overlaps the labelled value), and prompt injection with the default layers (signatures +
 * BGE semantic layer), signatures alone and the semantic layer alone, then the same two semantic rows for
 * each other {@link PromptInjectionGuard.SemanticClassifier}, with the false-positive rate on all benign
 * prompts and on the "risky-benign" ones.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.llmops.benchmarks.guard.GuardQualityEvaluation [evalDir]
 *     [--injection-only] [--classifiers KNN,KNN_AND_LEXICAL_PROBE,...] [--scores file]</pre>
 *
 * <p>{@code --injection-only} skips PII and secrets (for a directory holding only {@code injection-eval.jsonl});
 * {@code --classifiers} limits the semantic classifiers evaluated (all by default); {@code --scores file} writes the
 * score of every injection text per row (tab-separated: row, id, label, style, score) for threshold analysis.
 */
public final class GuardQualityEvaluation {

    private GuardQualityEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0]
                : "llmops-guard/src/test/resources/eval");
        boolean injectionOnly = List.of(args).contains("--injection-only");
        Path scoreFile = null;
        List<PromptInjectionGuard.SemanticClassifier> classifiers = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--scores")) {
                scoreFile = Path.of(args[i + 1]);
                scores = new ArrayList<>();
            }
            if (args[i].equals("--classifiers")) {
                for (String c : args[i + 1].split(",")) {
                    classifiers.add(PromptInjectionGuard.SemanticClassifier.valueOf(c.trim()));
                }
            }
        }
        if (classifiers.isEmpty()) {
            classifiers.addAll(List.of(PromptInjectionGuard.SemanticClassifier.values()));
        }
        if (!injectionOnly) {
            spans("PII", Guards.pii().warn(), dir.resolve("pii-eval.jsonl"), "entities");
            spans("Secrets", Guards.secrets().warn(), dir.resolve("secrets-eval.jsonl"), "secrets");
        }
        long t0 = System.nanoTime();
        PromptInjectionGuard full = Guards.promptInjection().warmUp();
        System.out.printf(Locale.ROOT, "%nwarm-up (embed the reference set, fit the %s calibration): %.0f ms%n",
                full.semanticClassifier(), (System.nanoTime() - t0) / 1e6);
        Path injection = dir.resolve("injection-eval.jsonl");
        if (classifiers.contains(full.semanticClassifier())) {
            injection("injection (signatures + semantic BGE " + full.semanticClassifier() + ", default)", full,
                    injection);
            injection("injection (signatures only)", full.withoutSemantic(), injection);
            injection("injection (semantic only, " + full.semanticClassifier() + ")", full.withoutSignatures(),
                    injection);
        }
        for (PromptInjectionGuard.SemanticClassifier c : classifiers) {
            if (c == full.semanticClassifier()) {
                continue;
            }
            long t1 = System.nanoTime();
            PromptInjectionGuard other = full.withSemanticClassifier(c).warmUp(); // the embedded set is shared
            System.out.printf(Locale.ROOT, "%nfit of the %s classifier on the embedded reference set: %.0f ms%n", c,
                    (System.nanoTime() - t1) / 1e6);
            injection("injection (signatures + semantic BGE " + c + ")", other, injection);
            injection("injection (semantic only, " + c + ")", other.withoutSignatures(), injection);
        }
        if (scoreFile != null) {
            Path tmp = Files.createTempFile(scoreFile.toAbsolutePath().getParent(), "scores", ".tmp");
            Files.write(tmp, scores, StandardCharsets.UTF_8);
            Files.move(tmp, scoreFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Per-text injection scores (row title, id, label, style, score) when {@code --scores} is given. */
    private static List<String> scores;

    private static List<JsonNode> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }

    private static void spans(String title, Guard guard, Path file, String field) throws IOException {
        Map<String, int[]> byType = new TreeMap<>();
        List<JsonNode> cases = read(file);
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            List<Finding> found = guard.check(text).findings();
            boolean[] used = new boolean[found.size()];
            for (JsonNode e : c.path(field)) {
                String type = e.get("type").asText();
                int s = text.indexOf(e.get("value").asText());
                int end = s + e.get("value").asText().length();
                boolean hit = false;
                for (int j = 0; j < found.size() && !hit; j++) {
                    Finding f = found.get(j);
                    if (!used[j] && f.type().equals(type) && f.start() < end && s < f.end()) {
                        used[j] = true;
                        hit = true;
                    }
                }
                byType.computeIfAbsent(type, k -> new int[3])[hit ? 0 : 2]++;
            }
            for (int j = 0; j < found.size(); j++) {
                if (!used[j]) {
                    byType.computeIfAbsent(found.get(j).type(), k -> new int[3])[1]++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%s (%d texts, %s)%n", title, cases.size(), file);
        System.out.printf(Locale.ROOT, "  %-16s %5s %5s %5s %9s %7s %6s%n", "type", "tp", "fp", "fn", "precision",
                "recall", "F1");
        int[] t = new int[3];
        byType.forEach((type, c) -> {
            row(type, c);
            t[0] += c[0];
            t[1] += c[1];
            t[2] += c[2];
        });
        row("ALL (micro)", t);
    }

    private static void row(String type, int[] c) {
        double p = c[0] + c[1] == 0 ? 1 : c[0] / (double) (c[0] + c[1]);
        double r = c[0] + c[2] == 0 ? 1 : c[0] / (double) (c[0] + c[2]);
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        System.out.printf(Locale.ROOT, "  %-16s %5d %5d %5d %9.3f %7.3f %6.3f%n", type, c[0], c[1], c[2], p, r, f1);
    }

    private static void injection(String title, PromptInjectionGuard guard, Path file) throws IOException {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        int risky = 0;
        int riskyFp = 0;
        Map<String, int[]> recallByStyle = new TreeMap<>();
        long t0 = System.nanoTime();
        List<JsonNode> cases = read(file);
        for (JsonNode c : cases) {
            boolean attack = c.get("label").asText().equals("attack");
            String style = c.path("style").asText();
            PromptInjectionGuard.Assessment a = guard.assess(c.get("text").asText(), GuardContext.input());
            boolean flagged = a.flagged();
            if (scores != null) {
                scores.add(title + "\t" + c.path("id").asText() + "\t" + c.get("label").asText() + "\t" + style + "\t"
                        + a.score());
            }
            if (attack) {
                recallByStyle.computeIfAbsent(style, k -> new int[2])[flagged ? 0 : 1]++;
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else {
                if (flagged) {
                    fp++;
                } else {
                    tn++;
                }
                if (style.equals("risky-benign")) {
                    risky++;
                    riskyFp += flagged ? 1 : 0;
                }
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / cases.size();
        double p = tp / (double) Math.max(1, tp + fp);
        double r = tp / (double) Math.max(1, tp + fn);
        System.out.printf(Locale.ROOT, "%n%s, threshold %.2f (%d texts, %.1f ms/text)%n", title, guard.threshold(),
                cases.size(), ms);
        System.out.printf(Locale.ROOT, "  precision %.3f  recall %.3f  F1 %.3f  FPR(all benign) %.3f (%d/%d)  "
                        + "FPR(risky-benign) %.3f (%d/%d)%n", p, r, 2 * p * r / Math.max(1e-9, p + r),
                fp / (double) Math.max(1, fp + tn), fp, fp + tn, riskyFp / (double) Math.max(1, risky), riskyFp, risky);
        StringBuilder sb = new StringBuilder("  recall by attack style:");
        recallByStyle.forEach((s, c) -> sb.append(String.format(Locale.ROOT, " %s %.2f", s,
                c[0] / (double) (c[0] + c[1]))));
        System.out.println(sb);
    }
}
