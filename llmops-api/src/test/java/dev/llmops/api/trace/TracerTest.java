package dev.llmops.api.trace;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracerTest {

    @Test
    void should_nest_child_spans_under_their_parent() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Tracer tracer = Tracer.of(sink);

        Span chain = tracer.startRoot("support", SpanKind.CHAIN);
        Span step = chain.child("retrieve", SpanKind.RETRIEVAL);
        step.set(LlmOpsAttributes.RETRIEVAL_K, 5L).end();
        chain.end();

        SpanData root = sink.root(chain.traceId()).orElseThrow();
        SpanData child = sink.spans(SpanKind.RETRIEVAL).get(0);
        assertThat(child.traceId()).isEqualTo(root.traceId());
        assertThat(child.parentSpanId()).isEqualTo(root.spanId());
        assertThat(child.attribute(LlmOpsAttributes.RETRIEVAL_K)).contains(5L);
        assertThat(root.parent()).isEmpty();
    }

    @Test
    void should_isolate_a_failing_sink() {
        InMemoryTraceSink good = InMemoryTraceSink.create();
        TraceSink broken = e -> {
            throw new IllegalStateException("disk full");
        };
        Tracer tracer = Tracer.builder().sink(broken).sink(good).build();

        tracer.startRoot("x", SpanKind.INTERNAL).end();
        tracer.feedback("0123456789abcdef0123456789abcdef", 1.0, "");

        assertThat(good.spans()).hasSize(1);
        assertThat(good.feedback()).hasSize(1);
    }

    @Test
    void should_apply_the_redactor_before_any_sink() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Tracer tracer = Tracer.builder().sink(sink).captureContent(true).redactor(s -> {
            Map<String, Object> attrs = new LinkedHashMap<>(s.attributes());
            attrs.computeIfPresent(GenAiAttributes.PROMPT.name(), (k, v) -> "[redacted]");
            return s.withAttributes(attrs);
        }).build();

        tracer.startRoot("chat", SpanKind.MODEL_CALL).setContent(GenAiAttributes.PROMPT, "my card is 4111").end();

        assertThat(sink.spans().get(0).attribute(GenAiAttributes.PROMPT)).contains("[redacted]");
    }

    @Test
    void should_drop_the_span_when_the_redactor_fails() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Tracer tracer = Tracer.builder().sink(sink).redactor(s -> {
            throw new IllegalStateException("bug");
        }).build();

        tracer.startRoot("chat", SpanKind.MODEL_CALL).end();

        assertThat(sink.spans()).isEmpty();
    }

    @Test
    void should_not_record_content_unless_asked() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Tracer.of(sink).startRoot("chat", SpanKind.MODEL_CALL).setContent(GenAiAttributes.PROMPT, "secret").end();

        assertThat(sink.spans().get(0).attribute(GenAiAttributes.PROMPT)).isEmpty();
    }

    @Test
    void should_end_a_span_once() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Span s = Tracer.of(sink).startRoot("x", SpanKind.INTERNAL);
        s.end();
        s.end();
        s.close();
        assertThat(sink.spans()).hasSize(1);
    }

    @Test
    void should_store_feedback_linked_to_its_trace() {
        InMemoryTraceSink sink = InMemoryTraceSink.create();
        Tracer tracer = Tracer.of(sink);
        Span s = tracer.startRoot("x", SpanKind.MODEL_CALL);
        s.end();

        tracer.feedback(s.traceId(), 0.25, "partly right");

        assertThat(sink.feedback(s.traceId())).singleElement()
                .satisfies(f -> assertThat(f.score()).isEqualTo(0.25));
    }

    @Test
    void should_reject_feedback_scores_outside_zero_to_one() {
        Tracer tracer = Tracer.noop();
        assertThatThrownBy(() -> tracer.feedback("t", 1.5, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score must be in [0, 1] but was: 1.5");
    }

    @Test
    void should_keep_only_the_newest_spans_when_capacity_is_reached() {
        InMemoryTraceSink sink = InMemoryTraceSink.withCapacity(2);
        Tracer tracer = Tracer.of(sink);
        for (int i = 0; i < 5; i++) {
            tracer.startRoot("s" + i, SpanKind.INTERNAL).end();
        }
        assertThat(sink.spans()).extracting(SpanData::name).containsExactly("s3", "s4");
        assertThat(sink.dropped()).isEqualTo(3);
    }
}
