package dev.llmops.guard;

import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.GuardResult;
import dev.llmops.guard.internal.Unicode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvisibleTextTest {

    @Test
    void should_find_zero_width_bidi_tag_and_mixed_script_text() {
        String tags = new String(Character.toChars(0xE0049)) + new String(Character.toChars(0xE0047));
        String text = "pa\u200Bss \u202Eevil " + tags + " p\u0430yp\u0430l";

        GuardResult r = Guards.invisibleText().check(text);

        assertThat(r.blocked()).isTrue();
        assertThat(r.findings()).extracting(Finding::type)
                .containsExactly("ZERO_WIDTH", "BIDI_CONTROL", "TAG_CHARACTERS", "MIXED_SCRIPT");
    }

    @Test
    void should_strip_invisible_characters_and_fold_look_alikes_when_redacting() {
        GuardResult r = Guards.invisibleText().redact().check("pa\u200Bss p\u0430yp\u0430l");

        assertThat(r.sanitizedText()).isEqualTo("pass paypal");
    }

    @Test
    void should_not_flag_emoji_joiners_bom_or_plain_cyrillic() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(Guards.invisibleText().check("\uFEFFfamily " + family + " и привет мир").findings()).isEmpty();
    }

    @Test
    void should_normalise_for_inspection() {
        String tags = new String(Character.toChars(0xE0068)) + new String(Character.toChars(0xE0069));
        assertThat(Unicode.normalizeForInspection("ＩＧＮＯＲＥ\u200B  аll " + tags)).isEqualTo("ignore all hi");
    }
}
