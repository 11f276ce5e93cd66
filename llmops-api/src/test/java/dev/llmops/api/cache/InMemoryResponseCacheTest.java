package dev.llmops.api.cache;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryResponseCacheTest {

    private static CachedResponse r(String text, Instant at) {
        return new CachedResponse(text, FinishReason.STOP, "m", 1, 1, false, at);
    }

    @Test
    void should_evict_the_least_recently_used_entry() {
        InMemoryResponseCache cache = InMemoryResponseCache.create(2, Duration.ofHours(1));
        cache.put("a", r("A", Instant.now()));
        cache.put("b", r("B", Instant.now()));
        cache.get("a");
        cache.put("c", r("C", Instant.now()));

        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("c")).isPresent();
    }

    @Test
    void should_expire_entries_after_the_ttl() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(t0);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        InMemoryResponseCache cache = InMemoryResponseCache.create(10, Duration.ofMinutes(10), clock);
        cache.put("a", r("A", t0));

        now.set(t0.plus(Duration.ofMinutes(9)));
        assertThat(cache.get("a")).isPresent();
        now.set(t0.plus(Duration.ofMinutes(11)));
        assertThat(cache.get("a")).isEmpty();
    }

    @Test
    void should_reject_bad_settings_with_the_parameter_name() {
        assertThatThrownBy(() -> InMemoryResponseCache.create(0, Duration.ofMinutes(1)))
                .hasMessage("maxEntries must be > 0 but was: 0");
        assertThatThrownBy(() -> InMemoryResponseCache.create(1, Duration.ZERO))
                .hasMessage("ttl must be > 0 but was: PT0S");
    }

    @Test
    void should_hash_the_same_request_to_the_same_key_and_different_requests_apart() {
        ChatRequestParameters p1 = ChatRequestParameters.builder().temperature(0.0).maxOutputTokens(100).build();
        ChatRequestParameters p2 = ChatRequestParameters.builder().maxOutputTokens(100).temperature(0.0).build();
        List<dev.langchain4j.data.message.ChatMessage> msgs = List.of(SystemMessage.from("s"), UserMessage.from("u"));

        String k1 = CacheKeys.key("gpt-4o", msgs, p1);
        assertThat(k1).hasSize(64).matches("[0-9a-f]+");
        assertThat(CacheKeys.key("gpt-4o", msgs, p2)).isEqualTo(k1);
        assertThat(CacheKeys.key("gpt-4o-mini", msgs, p1)).isNotEqualTo(k1);
        assertThat(CacheKeys.key("gpt-4o", List.of(SystemMessage.from("s"), UserMessage.from("u2")), p1))
                .isNotEqualTo(k1);
        assertThat(CacheKeys.key("gpt-4o", msgs, ChatRequestParameters.builder().temperature(0.7)
                .maxOutputTokens(100).build())).isNotEqualTo(k1);
        // a user message is not a system message with the same text
        assertThat(CacheKeys.key("gpt-4o", List.of(UserMessage.from("s"), UserMessage.from("u")), p1))
                .isNotEqualTo(k1);
    }
}
