package dev.llmops.api.model;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveChatModelTest {

    private static final String CONTEXT = """
            [returns-policy] You can return most items within 30 days of delivery. Items must be unused.
            Refunds are issued to the original payment method.

            [shipping-standard] Standard shipping takes 3 to 5 business days. Orders over EUR 50 ship free.
            """;

    private final LanguageModel model = LanguageModel.of(ExtractiveChatModel.create());

    @Test
    void should_answer_with_the_most_relevant_context_sentence_and_its_citation() {
        Generation g = model.generate(List.of(SystemMessage.from("Answer from the context only."),
                UserMessage.from("Context:\n" + CONTEXT + "\nQuestion: How many days do I have to return an item?")));

        assertThat(g.text()).contains("within 30 days").contains("[returns-policy]")
                .doesNotContain("Standard shipping");
        assertThat(g.model()).isEqualTo(ExtractiveChatModel.MODEL_NAME);
        assertThat(g.usage().inputTokens()).isPositive();
        assertThat(g.cost()).contains(Cost.ZERO);
    }

    @Test
    void should_say_it_does_not_know_when_nothing_matches() {
        Generation g = model.generate(CONTEXT + "\nWhat is the capital of Mongolia?");
        assertThat(g.text()).isEqualTo(ExtractiveChatModel.NO_ANSWER);
    }

    @Test
    void should_be_deterministic() {
        String q = CONTEXT + "\nHow long does standard shipping take?";
        assertThat(model.generate(q).text()).isEqualTo(model.generate(q).text()).contains("3 to 5 business days");
    }

    @Test
    void should_answer_json_shaped_by_the_requested_schema() {
        JsonSchema schema = JsonSchema.builder().name("Answer").rootElement(JsonObjectSchema.builder()
                .addProperty("answer", new JsonStringSchema())
                .addProperty("citations", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                .build()).build();
        ModelRequest request = ModelRequest.builder()
                .messages(UserMessage.from(CONTEXT + "\nQuestion: Do orders ship free?"))
                .parameters(ChatRequestParameters.builder().responseFormat(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON).jsonSchema(schema).build()).build())
                .build();

        String json = model.generate(request).text();

        assertThat(json).startsWith("{\"answer\":\"").contains("ship free").contains("\"citations\":[\"shipping-standard\"]");
    }
}
