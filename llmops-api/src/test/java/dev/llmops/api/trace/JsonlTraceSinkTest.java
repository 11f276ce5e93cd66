package dev.llmops.api.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class JsonlTraceSinkTest {

    @TempDir
    Path dir;

    @Test
    void should_write_one_valid_json_line_per_span_from_many_threads() throws Exception {
        Path file = dir.resolve("traces/spans.jsonl");
        int threads = 8;
        int perThread = 10_000;
        try (JsonlTraceSink sink = JsonlTraceSink.open(file)) {
            Tracer tracer = Tracer.of(sink);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    Span root = null;
                    for (int i = 0; i < perThread; i++) {
                        if (i % 10 == 0) {
                            if (root != null) {
                                root.end();
                            }
                            root = tracer.startRoot("chain", SpanKind.CHAIN);
                        } else {
                            root.child("step " + i, SpanKind.STEP).set(LlmOpsAttributes.STEP_NAME, "s" + i).end();
                        }
                    }
                    root.end();
                });
                workers.add(w);
                w.start();
            }
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * perThread);
        ObjectMapper mapper = new ObjectMapper();
        Set<String> spanIds = new HashSet<>();
        List<String> parents = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            assertThat(node.get("type").asText()).isEqualTo("span");
            JsonNode event = node.get("event");
            assertThat(event.get("traceId").asText()).hasSize(32);
            assertThat(spanIds.add(event.get("spanId").asText())).as("span ids are unique").isTrue();
            if (event.hasNonNull("parentSpanId")) {
                parents.add(event.get("parentSpanId").asText());
            }
        }
        assertThat(parents).hasSize(threads * perThread * 9 / 10);
        assertThat(parents.stream().filter(p -> !spanIds.contains(p)).toList())
                .as("parent ids that resolve to no span").isEmpty();
    }

    @Test
    void should_write_feedback_linked_to_its_trace() throws Exception {
        Path file = dir.resolve("f.jsonl");
        String traceId;
        try (JsonlTraceSink sink = JsonlTraceSink.open(file)) {
            Tracer tracer = Tracer.of(sink);
            Span span = tracer.startRoot("chat", SpanKind.MODEL_CALL);
            traceId = span.traceId();
            span.end();
            tracer.feedback(traceId, 0.0, "wrong return window");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode feedback = new ObjectMapper().readTree(lines.get(1));
        assertThat(feedback.get("type").asText()).isEqualTo("feedback");
        assertThat(feedback.get("event").get("traceId").asText()).isEqualTo(traceId);
        assertThat(feedback.get("event").get("comment").asText()).isEqualTo("wrong return window");
    }

    @Test
    void should_append_across_reopen() throws Exception {
        Path file = dir.resolve("a.jsonl");
        for (int i = 0; i < 2; i++) {
            try (JsonlTraceSink sink = JsonlTraceSink.open(file)) {
                Tracer.of(sink).startRoot("x", SpanKind.INTERNAL).end();
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
    }
}
