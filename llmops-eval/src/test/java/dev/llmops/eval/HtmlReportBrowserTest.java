package dev.llmops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.eval.report.HtmlReport;
import dev.llmops.eval.report.JsonReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders the HTML report in Debian's headless chromium, checks that the numbers the page shows (after
 * its inline script ran) equal the JSON report's, and leaves a screenshot at
 * {@code target/eval-report/report.png}. Fails when chromium is missing unless
 * {@code -Dllmops.skipBrowser=true}.
 */
class HtmlReportBrowserTest {

    private static final Path OUT = Path.of("target", "eval-report");
    private static String chromium;

    @BeforeAll
    static void findChromium() {
        Assumptions.assumeFalse(Boolean.getBoolean("llmops.skipBrowser"),
                "browser test skipped by -Dllmops.skipBrowser=true");
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin")
                .split(File.pathSeparator)) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                chromium = p.toString();
                return;
            }
        }
        fail("chromium not found on PATH or in /usr/bin: run llmops-eval/src/test/scripts/ensure-chromium.sh as root "
                + "(apt-get install chromium), or skip this test with -Dllmops.skipBrowser=true");
    }

    private static String runChromium(Path profile, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath()));
        cmd.addAll(List.of(extra));
        Path stdout = Files.createTempFile(profile, "out", ".txt");
        Path stderr = Files.createTempFile(profile, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 90 s: " + cmd);
        }
        assertThat(p.exitValue()).as("chromium exit status; stderr: %s", Files.readString(stderr)).isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(dom);
        assertThat(m.find()).as("element #%s in rendered DOM", id).isTrue();
        return m.group(1);
    }

    @Test
    void should_render_report_in_headless_chromium_with_numbers_equal_to_json(@TempDir Path profile) throws Exception {
        EvalReport report = ReportsTest.sampleReport("Milan");
        Files.createDirectories(OUT);
        Path html = OUT.resolve("report.html").toAbsolutePath();
        Path jsonFile = OUT.resolve("report.json");
        HtmlReport.write(report, Optional.of(BaselineComparison.compare(ReportsTest.sampleReport("Rome is the capital"),
                report, 0.01)), html);
        JsonReport.write(report, jsonFile);
        JsonNode json = new ObjectMapper().readTree(Files.readString(jsonFile));
        String url = html.toUri().toString();

        String dom = runChromium(profile, "--dump-dom", url);

        assertThat(dom).contains("data-rendered=\"true\"");
        JsonNode s = json.get("summary");
        assertThat(text(dom, "sum-total")).isEqualTo(s.get("total").asText());
        assertThat(text(dom, "sum-passed")).isEqualTo(s.get("passed").asText());
        assertThat(text(dom, "sum-failed")).isEqualTo(s.get("failed").asText());
        assertThat(text(dom, "sum-errors")).isEqualTo(s.get("errors").asText());
        assertThat(text(dom, "sum-flaky")).isEqualTo(s.get("flaky").asText());
        assertThat(text(dom, "sum-passrate"))
                .isEqualTo(String.format(Locale.ROOT, "%.1f%%", 100 * s.get("passRate").asDouble()));
        Matcher rates = Pattern.compile("class=\"num pass-rate\">([^<]*)<").matcher(dom);
        List<String> shown = new ArrayList<>();
        while (rates.find()) {
            shown.add(rates.group(1));
        }
        List<String> expected = new ArrayList<>();
        json.get("matrix").forEach(r -> expected.add(String.format(Locale.ROOT, "%.1f%%",
                100 * r.get("passRate").asDouble())));
        assertThat(shown).isEqualTo(expected);
        Matcher bar = Pattern.compile("data-metric=\"overlap\".*?data-value=\"([0-9.]+)\"", Pattern.DOTALL).matcher(dom);
        assertThat(bar.find()).isTrue();
        assertThat(Double.parseDouble(bar.group(1)))
                .isEqualTo(Double.parseDouble(String.format(Locale.ROOT, "%.3f",
                        json.get("matrix").get(0).get("meanScores").get("overlap").asDouble())));
        assertThat(dom).contains("data-regressions=\"1\"");

        Path png = OUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        runChromium(profile, "--screenshot=" + png, "--window-size=1280,2000", url);
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
