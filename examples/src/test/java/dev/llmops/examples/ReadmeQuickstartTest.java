package dev.llmops.examples;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Java quickstart is the body of {@link Quickstart}, so it compiles and runs. */
class ReadmeQuickstartTest {

    @Test
    void should_show_exactly_the_quickstart_code_in_the_readme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Quickstart");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));

        String source = Files.readString(Path.of("src/main/java/dev/llmops/examples/Quickstart.java"));
        String begin = "// --- the quickstart, as in README.md ---";
        String region = source.substring(source.indexOf(begin) + begin.length(),
                source.indexOf("// --- end of the quickstart ---"));

        assertThat(normalise(block)).isEqualTo(normalise(region));
    }

    private static List<String> normalise(String code) {
        return Arrays.stream(code.split("\\R")).map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toList());
    }
}
