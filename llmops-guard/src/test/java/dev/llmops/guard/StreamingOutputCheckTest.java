package dev.llmops.guard;

import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.GuardContext;
import dev.llmops.api.guard.GuardResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingOutputCheckTest {

    @Test
    void should_stop_at_the_first_sentence_that_blocks_even_when_a_value_spans_tokens() {
        StreamingOutputCheck check = StreamingOutputCheck.of(Guards.noPiiLeak(), GuardContext.output());
        List<String> tokens = List.of("Sure", ". ", "You can write to ", "jane", ".doe@exa", "mple.com", " any time", ". ",
                "More text", " follows.");

        int stoppedAt = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Optional<GuardResult> r = check.onToken(tokens.get(i));
            if (r.isPresent()) {
                stoppedAt = i;
                assertThat(r.get().findings()).extracting(Finding::type).containsExactly("EMAIL");
                break;
            }
        }

        assertThat(stoppedAt).isEqualTo(7);
        assertThat(check.stopped()).isTrue();
        assertThat(check.onToken("ignored").isPresent()).isTrue();
        assertThat(check.complete().blocked()).isTrue();
    }

    @Test
    void should_pass_a_clean_stream_and_check_the_tail_on_complete() {
        StreamingOutputCheck check = StreamingOutputCheck.of(Guards.refusal(), GuardContext.output());
        assertThat(check.onToken("RAG retrieves ")).isEmpty();
        assertThat(check.onToken("passages first. Then")).isEmpty();
        assertThat(check.onToken(" it answers")).isEmpty();
        assertThat(check.complete().passed()).isTrue();
        assertThat(check.text()).isEqualTo("RAG retrieves passages first. Then it answers");
    }
}
