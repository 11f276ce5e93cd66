package dev.llmops.examples;

import java.util.List;

/**
 * The structured answer the support prompt asks the model for: the answer text and the help-centre
 * page ids it cites. The chain sends this record's JSON schema as the response format.
 *
 * @param answer    the answer for the customer
 * @param citations help-centre page ids (with or without square brackets)
 */
public record SupportAnswer(String answer, List<String> citations) {

    public SupportAnswer {
        answer = answer == null ? "" : answer;
        citations = citations == null ? List.of() : List.copyOf(citations);
    }

    /** The cited page ids without brackets, in order, without duplicates. */
    public List<String> pageIds() {
        return citations.stream().map(c -> c.strip().replaceAll("^\\[|\\]$", "").strip())
                .filter(c -> !c.isEmpty()).distinct().toList();
    }

    /** The answer text. (Output guards after the chain's parse step check the model's raw JSON answer.) */
    @Override
    public String toString() {
        return answer;
    }
}
