package dev.llmops.benchmarks.prompts;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.input.PromptTemplate;
import dev.llmops.api.prompt.ModelConfig;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.prompts.Prompt;
import dev.llmops.prompts.UnusedVariablePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Render throughput of a realistic chat prompt (system message with a few-shot section of 5
 * examples, plus a user message) with llmops-prompts' compiled Mustache {@link Prompt} versus
 * LangChain4j's {@link PromptTemplate} producing the identical messages in the same JVM.
 *
 * <p>LangChain4j's template only substitutes {@code {{name}}}, so the few-shot block is built by the
 * caller on each call, as an application using it would do; both sides start from the same data and
 * end with the same {@code List<ChatMessage>} (checked in {@link #setup()}).
 *
 * <pre>
 * java -jar benchmarks.jar PromptRenderBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PromptRenderBenchmark {

    public record Example(String question, String answer) {
    }

    private static final String SYSTEM_HEAD = "You are a support assistant for {{product}}. Answer in {{language}}, "
            + "in at most {{maxSentences}} sentences, using only the documentation. If you do not know, say so.\n\n"
            + "Examples:\n";
    private static final String SYSTEM_MUSTACHE = SYSTEM_HEAD
            + "{{#examples}}Q: {{question}}\nA: {{answer}}\n\n{{/examples}}Follow the style of the examples.";
    private static final String SYSTEM_LC4J = SYSTEM_HEAD + "{{examples}}Follow the style of the examples.";
    private static final String USER = "Customer {{customer}} asks: {{question}}";

    private Prompt prompt;
    private PromptTemplate lc4jSystem;
    private PromptTemplate lc4jUser;
    private Map<String, Object> variables;
    private List<Example> examples;

    @Setup
    public void setup() {
        prompt = Prompt.of("support-answer", PromptContent.chat(List.of(PromptMessage.system(SYSTEM_MUSTACHE),
                        PromptMessage.user(USER)))
                .withConfig(ModelConfig.builder().temperature(0.0).maxOutputTokens(300).build()))
                .withUnusedVariables(UnusedVariablePolicy.FAIL);
        lc4jSystem = PromptTemplate.from(SYSTEM_LC4J);
        lc4jUser = PromptTemplate.from(USER);
        examples = new ArrayList<>();
        String[][] data = {
                {"How do I reset my password?", "Open Settings > Security and choose Reset password."},
                {"Can I export my data?", "Yes: Settings > Privacy > Export creates a ZIP file within an hour."},
                {"Why was I charged twice?", "A pending authorisation can look like a second charge; it disappears "
                        + "within 3 days."},
                {"How do I add a team member?", "Admins can invite members under Team > Invite."},
                {"Is there an offline mode?", "The desktop app keeps the last 30 days available offline."}};
        for (String[] d : data) {
            examples.add(new Example(d[0], d[1]));
        }
        variables = new HashMap<>();
        variables.put("product", "Acme Cloud");
        variables.put("language", "English");
        variables.put("maxSentences", 3);
        variables.put("examples", examples);
        variables.put("customer", "Ada Lovelace");
        variables.put("question", "How do I change the billing address on my invoices?");
        List<ChatMessage> a = llmopsPrompts();
        List<ChatMessage> b = langchain4jPromptTemplate();
        if (!a.equals(b)) {
            throw new IllegalStateException("the two renderings differ:\n" + a + "\n" + b);
        }
    }

    @Benchmark
    public List<ChatMessage> llmopsPrompts() {
        return prompt.render(variables).messages();
    }

    @Benchmark
    public List<ChatMessage> langchain4jPromptTemplate() {
        StringBuilder block = new StringBuilder();
        for (Example e : examples) {
            block.append("Q: ").append(e.question()).append("\nA: ").append(e.answer()).append("\n\n");
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("product", variables.get("product"));
        vars.put("language", variables.get("language"));
        vars.put("maxSentences", variables.get("maxSentences"));
        vars.put("examples", block.toString());
        Map<String, Object> userVars = new HashMap<>();
        userVars.put("customer", variables.get("customer"));
        userVars.put("question", variables.get("question"));
        return List.of(SystemMessage.from(lc4jSystem.apply(vars).text()),
                UserMessage.from(lc4jUser.apply(userVars).text()));
    }
}
