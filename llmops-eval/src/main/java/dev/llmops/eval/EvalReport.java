package dev.llmops.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of running a suite: one {@link CaseResult} per case x prompt x target, with the summary and
 * the comparison matrix derived from them. Write it with the writers in {@code dev.llmops.eval.report};
 * read a saved one back with {@link dev.llmops.eval.report.JsonReport#read}.
 *
 * <pre>{@code
 * EvalReport report = runner.run(suite);
 * System.out.println(ConsoleReport.render(report));
 * JsonReport.write(report, Path.of("target/eval/report.json"));
 * if (!report.passed()) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
@JsonPropertyOrder({"schemaVersion", "suite", "description", "startedAt", "durationMillis", "summary", "matrix",
        "results"})
@JsonIgnoreProperties(value = {"summary", "matrix"}, allowGetters = true)
public final class EvalReport {

    /** The JSON schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Counts over all case results.
     *
     * @param total    case results
     * @param passed   passing
     * @param failed   failing
     * @param errors   errored (target failure, timeout, unparseable judge reply...)
     * @param flaky    results whose samples disagreed
     * @param passRate passed / total
     */
    public record Summary(int total, int passed, int failed, int errors, int flaky, double passRate) {
    }

    private final String suite;
    private final String description;
    private final Instant startedAt;
    private final long durationMillis;
    private final List<CaseResult> results;

    /**
     * @param suite          the suite name
     * @param description    the suite description
     * @param startedAt      when the run started
     * @param durationMillis wall time of the run
     * @param results        every case result, in suite order
     */
    public EvalReport(String suite, String description, Instant startedAt, long durationMillis,
                      List<CaseResult> results) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.description = Objects.requireNonNull(description, "description");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        if (durationMillis < 0) {
            throw new IllegalArgumentException("durationMillis must be >= 0 but was: " + durationMillis);
        }
        this.durationMillis = durationMillis;
        this.results = List.copyOf(results);
    }

    @JsonCreator
    static EvalReport fromJson(@JsonProperty("schemaVersion") int schemaVersion, @JsonProperty("suite") String suite,
                               @JsonProperty("description") String description,
                               @JsonProperty("startedAt") Instant startedAt,
                               @JsonProperty("durationMillis") long durationMillis,
                               @JsonProperty("results") List<CaseResult> results) {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion must be " + SCHEMA_VERSION + " but was: " + schemaVersion);
        }
        if (suite == null) {
            throw new IllegalArgumentException("missing field 'suite'");
        }
        if (startedAt == null) {
            throw new IllegalArgumentException("missing field 'startedAt'");
        }
        return new EvalReport(suite, description == null ? "" : description, startedAt, durationMillis,
                results == null ? List.of() : results);
    }

    @JsonProperty
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @JsonProperty
    public String suite() {
        return suite;
    }

    @JsonProperty
    public String description() {
        return description;
    }

    @JsonProperty
    public Instant startedAt() {
        return startedAt;
    }

    @JsonProperty
    public long durationMillis() {
        return durationMillis;
    }

    @JsonProperty
    public List<CaseResult> results() {
        return results;
    }

    /** Counts over all results. */
    @JsonProperty
    public Summary summary() {
        int p = 0, f = 0, e = 0, fl = 0;
        for (CaseResult r : results) {
            switch (r.status()) {
                case PASS -> p++;
                case FAIL -> f++;
                case ERROR -> e++;
            }
            if (r.flaky()) {
                fl++;
            }
        }
        return new Summary(results.size(), p, f, e, fl, results.isEmpty() ? 0.0 : (double) p / results.size());
    }

    /** Whether every result passed. */
    public boolean passed() {
        return results.stream().allMatch(CaseResult::passed);
    }

    /** The comparison matrix: one row per prompt x target, in first-seen order. */
    @JsonProperty
    public List<ComparisonRow> matrix() {
        Map<String, List<CaseResult>> cells = new LinkedHashMap<>();
        for (CaseResult r : results) {
            cells.computeIfAbsent(r.prompt() + "\u0000" + r.target(), k -> new ArrayList<>()).add(r);
        }
        List<ComparisonRow> rows = new ArrayList<>();
        for (List<CaseResult> cell : cells.values()) {
            int p = 0, f = 0, e = 0;
            long tokens = 0;
            double cost = 0;
            Map<String, double[]> sums = new TreeMap<>();
            List<Long> lat = new ArrayList<>();
            for (CaseResult r : cell) {
                switch (r.status()) {
                    case PASS -> p++;
                    case FAIL -> f++;
                    case ERROR -> e++;
                }
                tokens += r.inputTokens() + r.outputTokens();
                cost += r.costUsd().orElse(0.0);
                lat.add(r.latencyMillis());
                for (AssertionResult a : r.assertions()) {
                    if (a.score().isPresent()) {
                        double[] s = sums.computeIfAbsent(a.metric(), k -> new double[2]);
                        s[0] += a.score().getAsDouble();
                        s[1]++;
                    }
                }
            }
            Map<String, Double> means = new TreeMap<>();
            sums.forEach((k, v) -> means.put(k, v[0] / v[1]));
            lat.sort(null);
            rows.add(new ComparisonRow(cell.get(0).prompt(), cell.get(0).target(), cell.size(), p, f, e,
                    (double) p / cell.size(), means, percentile(lat, 50), percentile(lat, 95), cost, tokens));
        }
        return rows;
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static long percentile(List<Long> sorted, int pct) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    @Override
    public String toString() {
        Summary s = summary();
        return "EvalReport[" + suite + ": " + s.passed() + "/" + s.total() + " passed, " + s.failed() + " failed, "
                + s.errors() + " errors]";
    }
}
