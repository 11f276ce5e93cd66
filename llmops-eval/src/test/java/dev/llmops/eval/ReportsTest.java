package dev.llmops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.LoadException;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.model.ScriptedChatModel;
import dev.llmops.eval.report.ConsoleReport;
import dev.llmops.eval.report.HtmlReport;
import dev.llmops.eval.report.JUnitXmlReport;
import dev.llmops.eval.report.JsonReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportsTest {

    /** A run with passes, failures, an errored target and a malformed judge reply. */
    static EvalReport sampleReport(String answerForB) {
        ScriptedChatModel judge = ScriptedChatModel.builder()
                .otherwise(r -> ScriptedChatModel.alwaysReplying("not json at all").doChat(r)).build();
        EvalSuite suite = EvalSuite.builder("demo").description("report demo")
                .defaultAssertion(AssertionSpec.builder("rouge-l").metric("overlap").threshold(0.5).build())
                .testCase(EvalCase.builder("a").var("question", "Capital of France?").expected("Paris is the capital")
                        .assertion(AssertionSpec.of("icontains", "paris")).build())
                .testCase(EvalCase.builder("b").var("question", "Capital of Italy?").expected("Rome is the capital")
                        .assertion(AssertionSpec.of("icontains", "rome")).build())
                .testCase(EvalCase.builder("judged").var("question", "Be nice").expected("hello there friend")
                        .assertion(AssertionSpec.builder("llm-rubric").value("is polite").build()).build())
                .build();
        return EvalRunner.builder()
                .target("good", EvalTarget.function(v -> v.get("question").contains("France") ? "Paris is the capital"
                        : v.get("question").contains("Italy") ? answerForB : "hello there friend"))
                .target("broken", input -> {
                    throw new IllegalStateException("connection <refused> & \"reset\"");
                })
                .judge(LanguageModel.of(judge))
                .build().run(suite);
    }

    @Test
    void should_count_each_outcome_including_malformed_judge_replies() {
        EvalReport report = sampleReport("Rome is the capital");
        EvalReport.Summary s = report.summary();
        assertThat(s.total()).isEqualTo(6);
        assertThat(s.passed()).isEqualTo(2);
        assertThat(s.errors()).isEqualTo(4);
        CaseResult judged = report.results().get(2);
        assertThat(judged.status()).isEqualTo(AssertionStatus.ERROR);
        AssertionResult rubric = judged.assertions().get(1);
        assertThat(rubric.rawReply()).contains("not json at all");
        assertThat(rubric.reason()).contains("could not be parsed after 2 attempt(s)");
    }

    @Test
    void should_round_trip_json_with_documented_fields(@TempDir Path dir) throws Exception {
        EvalReport report = sampleReport("Rome is the capital");
        Path file = dir.resolve("out/report.json");
        JsonReport.write(report, file);
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("passed").asInt()).isEqualTo(2);
        assertThat(json.get("matrix").get(0).get("meanScores").has("overlap")).isTrue();
        JsonNode first = json.get("results").get(0);
        assertThat(first.get("caseId").asText()).isEqualTo("a");
        assertThat(first.get("assertions").get(0).get("score").asDouble()).isEqualTo(1.0);
        assertThat(json.get("results").get(3).get("assertions")).isEmpty();

        EvalReport back = JsonReport.read(file);
        assertThat(back.results()).isEqualTo(report.results());
        assertThat(back.summary()).isEqualTo(report.summary());
        assertThat(back.startedAt()).isEqualTo(report.startedAt());

        Files.writeString(dir.resolve("bad.json"), "{\"schemaVersion\": 1, \"suite\": \"x\", \"startedAt\": \"2026-01-01T00:00:00Z\",\n"
                + "\"durationMillis\": 5, \"results\": [], \"bogus\": 1}");
        assertThatThrownBy(() -> JsonReport.read(dir.resolve("bad.json"))).isInstanceOf(LoadException.class)
                .hasMessageContaining("bogus");
        Files.writeString(dir.resolve("old.json"), "{\"schemaVersion\": 1, \"suite\": \"x\"}");
        assertThatThrownBy(() -> JsonReport.read(dir.resolve("old.json"))).isInstanceOf(LoadException.class)
                .hasMessageContaining("missing field 'startedAt'");
    }

    @Test
    void should_write_junit_xml_with_a_testcase_per_case_and_target() throws Exception {
        EvalReport report = sampleReport("Milan");
        String xml = JUnitXmlReport.render(report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("6");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("4");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(6);
        assertThat(((Element) cases.item(0)).getAttribute("classname")).isEqualTo("demo.good");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("icontains");
        assertThat(failure.getTextContent()).contains("output: Milan").contains("expected: Rome is the capital");
        Element error = (Element) doc.getElementsByTagName("error").item(1);
        assertThat(error.getAttribute("message")).contains("connection <refused> & \"reset\"");
    }

    @Test
    void should_compare_with_baseline_and_set_exit_status() {
        EvalReport baseline = sampleReport("Rome is the capital");
        EvalReport worse = sampleReport("Milan");
        BaselineComparison diff = BaselineComparison.compare(baseline, worse, 0.01);
        assertThat(diff.regressions()).extracting(BaselineComparison.CaseChange::key).containsExactly("b @ good");
        assertThat(diff.metricRegressions()).extracting(BaselineComparison.MetricChange::metric)
                .contains("overlap", "icontains");
        assertThat(diff.exitStatus()).isEqualTo(1);
        BaselineComparison back = BaselineComparison.compare(worse, baseline, 0.01);
        assertThat(back.improvements()).extracting(BaselineComparison.CaseChange::key).containsExactly("b @ good");
        assertThat(back.exitStatus()).isZero();
        assertThat(BaselineComparison.compare(baseline, baseline, 0).ok()).isTrue();

        String console = ConsoleReport.render(worse, Optional.of(diff));
        assertThat(console).contains("6 results, 1 passed, 1 failed, 4 errors")
                .contains("FAIL b @ good").contains("REGRESSED b @ good: PASS -> FAIL");
    }

    @Test
    void should_render_self_contained_html_with_failures_first() {
        EvalReport report = sampleReport("Milan");
        String html = HtmlReport.render(report, Optional.of(BaselineComparison.compare(sampleReport("Rome"), report, 0)));
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("<link")
                .contains("<svg").contains("id=\"report-data\"").contains("id=\"baseline\"")
                .contains("connection &lt;refused&gt; &amp; &quot;reset&quot;");
        assertThat(html.indexOf("class=\"result is-FAIL")).isLessThan(html.indexOf("class=\"result is-PASS"));
        assertThat(html.indexOf("class=\"result is-ERROR")).isLessThan(html.indexOf("class=\"result is-PASS"));
    }
}
