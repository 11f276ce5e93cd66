package dev.llmops.api.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * <b>Not an LLM.</b> A deterministic, offline stand-in {@link ChatModel} that answers
 * extractively: it picks the sentences of the prompt's context that best match the question and
 * returns them verbatim. It lets examples and tests run the whole pipeline (prompts, retrieval,
 * guards, evals, tracing, cost) with no network and no model weights, and it never invents text
 * that is not in its input.
 *
 * <p>How it reads a request: the <em>question</em> is the last user message's {@code Question:}
 * line if it has one, else its last sentence ending in {@code ?}, else the whole message. The
 * <em>context</em> is every other sentence of every system and user message. Sentences are scored
 * by the inverse-frequency-weighted overlap of their content words with the question's, and the
 * best {@code maxSentences} (default 2) are returned in their original order. A context block that
 * starts with a citation marker such as {@code [1]} or {@code [shipping-standard]} passes the
 * marker on to the sentences taken from it. With no overlap at all it answers
 * {@value #NO_ANSWER}.
 *
 * <p>When the request asks for JSON (response format JSON, with or without a schema) it answers a
 * JSON object: string fields named like {@code answer}/{@code text}/{@code response} get the
 * answer, string-array fields named like {@code citations}/{@code sources} get the markers, other
 * fields get neutral values from the schema ({@code ""}, {@code 0}, {@code false}, {@code []}).
 *
 * <p>Token usage is reported with {@link TokenEstimator}. Thread-safe and stateless.
 *
 * @since 0.1.0
 */
public final class ExtractiveChatModel implements ChatModel {

    /** The model id reported in responses, traces and pricing (priced at zero). */
    public static final String MODEL_NAME = "llmops-extractive-standin";

    /** The answer when nothing in the context matches the question. */
    public static final String NO_ANSWER = "I don't know based on the provided context.";

    /** A one-line notice for programs to print when they use this model. */
    public static final String BANNER = "NOTE: answers come from an offline extractive stand-in (" + MODEL_NAME
            + "), not an LLM: it quotes the most relevant context sentences. Set LLMOPS_OPENAI_BASE_URL to use a real model.";

    private static final Pattern MARKER = Pattern.compile("^\\s*(\\[[^\\]\\n]{1,80}\\])");
    private static final Pattern INLINE_MARKER = Pattern.compile("\\[[^\\]\\n]{1,80}\\]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\"'(\\[A-Z0-9])");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on",
            "at", "by", "for", "with", "about", "as", "into", "from", "is", "are", "was", "were", "be", "been", "being",
            "do", "does", "did", "have", "has", "had", "i", "you", "he", "she", "it", "we", "they", "me", "my", "your",
            "our", "their", "this", "that", "these", "those", "what", "which", "who", "whom", "how", "when", "where",
            "why", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "not", "no", "yes", "so",
            "than", "then", "there", "here", "any", "all", "some", "get", "got", "its", "also", "please", "question",
            "answer", "context");

    private final int maxSentences;

    private ExtractiveChatModel(int maxSentences) {
        this.maxSentences = maxSentences;
    }

    /** A stand-in that answers with at most 2 sentences. */
    public static ExtractiveChatModel create() {
        return new ExtractiveChatModel(2);
    }

    /** A stand-in that answers with at most {@code maxSentences} sentences. */
    public static ExtractiveChatModel create(int maxSentences) {
        if (maxSentences <= 0) {
            throw new IllegalArgumentException("maxSentences must be > 0 but was: " + maxSentences);
        }
        return new ExtractiveChatModel(maxSentences);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return DefaultChatRequestParameters.builder().modelName(MODEL_NAME).build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        int lastUser = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage) {
                lastUser = i;
                break;
            }
        }
        String lastUserText = lastUser < 0 ? "" : TokenEstimator.textOf(messages.get(lastUser));
        String question = question(lastUserText);

        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m instanceof UserMessage || m instanceof dev.langchain4j.data.message.SystemMessage) {
                split(TokenEstimator.textOf(m), question, candidates);
            }
        }
        List<Candidate> chosen = choose(question, candidates);
        String answer;
        List<String> markers = new ArrayList<>();
        if (chosen.isEmpty()) {
            answer = NO_ANSWER;
        } else {
            StringBuilder sb = new StringBuilder();
            Set<String> seen = new LinkedHashSet<>();
            for (Candidate c : chosen) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(c.text);
                if (c.marker != null && seen.add(c.marker)) {
                    sb.append(' ').append(c.marker);
                }
                Matcher inline = INLINE_MARKER.matcher(c.text);
                while (inline.find()) {
                    seen.add(inline.group());
                }
            }
            markers.addAll(seen);
            answer = sb.toString();
        }
        ResponseFormat format = request.parameters() == null ? null : request.parameters().responseFormat();
        String text = format != null && format.type() == ResponseFormatType.JSON ? json(answer, markers, format)
                : answer;
        int in = TokenEstimator.estimate(messages);
        int out = TokenEstimator.estimate(text);
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).modelName(MODEL_NAME)
                .tokenUsage(new TokenUsage(in, out)).finishReason(FinishReason.STOP).build();
    }

    private static String question(String lastUserText) {
        for (String line : lastUserText.split("\\R")) {
            String t = line.strip();
            if (t.regionMatches(true, 0, "question:", 0, 9)) {
                return t.substring(9).strip();
            }
        }
        String[] sentences = SENTENCE_END.split(lastUserText.strip());
        for (int i = sentences.length - 1; i >= 0; i--) {
            if (sentences[i].strip().endsWith("?")) {
                String s = sentences[i].strip();
                int nl = s.lastIndexOf('\n');
                return nl >= 0 ? s.substring(nl + 1).strip() : s;
            }
        }
        return lastUserText.strip();
    }

    private record Candidate(int order, String text, String marker, Set<String> terms) {
    }

    private static void split(String text, String question, List<Candidate> out) {
        String marker = null;
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty()) {
                marker = null; // a blank line ends a cited block
                continue;
            }
            Matcher m = MARKER.matcher(line);
            if (m.find()) {
                marker = m.group(1);
                line = line.substring(m.end()).strip();
            }
            line = line.replaceFirst("^([-*+]|\\d+[.)]|#{1,6})\\s+", "");
            for (String s : SENTENCE_END.split(line)) {
                String sentence = s.strip();
                if (sentence.length() < 3 || sentence.equals(question) || sentence.contains(question)
                        && !question.isEmpty()) {
                    continue;
                }
                out.add(new Candidate(out.size(), sentence, marker, terms(sentence)));
            }
        }
    }

    private List<Candidate> choose(String question, List<Candidate> candidates) {
        Set<String> q = terms(question);
        if (q.isEmpty() || candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> df = new HashMap<>();
        for (Candidate c : candidates) {
            for (String t : c.terms) {
                df.merge(t, 1, Integer::sum);
            }
        }
        int n = candidates.size();
        record Scored(Candidate c, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Candidate c : candidates) {
            double s = 0;
            for (String t : q) {
                if (c.terms.contains(t)) {
                    s += Math.log(1.0 + (double) n / df.get(t));
                }
            }
            if (s > 0) {
                scored.add(new Scored(c, s / Math.sqrt(1.0 + c.terms.size() / 8.0)));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(x -> x.c.order));
        Set<String> texts = new HashSet<>();
        List<Candidate> top = new ArrayList<>();
        for (Scored s : scored) {
            if (top.size() == maxSentences) {
                break;
            }
            if (texts.add(s.c.text)) {
                top.add(s.c);
            }
        }
        top.sort(Comparator.comparingInt(Candidate::order));
        return top;
    }

    private static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (!STOP.contains(w)) {
                terms.add(stem(w));
            }
        }
        return terms;
    }

    private static String stem(String w) {
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && w.endsWith("ed")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 4 && w.endsWith("es")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static String json(String answer, List<String> markers, ResponseFormat format) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        JsonSchemaElement schema = format.jsonSchema() == null ? null : format.jsonSchema().rootElement();
        if (schema instanceof JsonObjectSchema obj && obj.properties() != null && !obj.properties().isEmpty()) {
            boolean answered = false;
            for (Map.Entry<String, JsonSchemaElement> p : obj.properties().entrySet()) {
                String name = p.getKey().toLowerCase(Locale.ROOT);
                JsonSchemaElement type = p.getValue();
                if (type instanceof JsonStringSchema) {
                    boolean isAnswer = name.contains("answer") || name.contains("text") || name.contains("response");
                    root.put(p.getKey(), isAnswer || !answered ? answer : "");
                    answered |= isAnswer || !answered;
                } else if (type instanceof JsonArraySchema arr) {
                    ArrayNode a = root.putArray(p.getKey());
                    if ((name.contains("citation") || name.contains("source") || name.contains("reference"))
                            && arr.items() instanceof JsonStringSchema) {
                        markers.forEach(mk -> a.add(mk.substring(1, mk.length() - 1)));
                    }
                } else if (type instanceof JsonIntegerSchema || type instanceof JsonNumberSchema) {
                    root.put(p.getKey(), 0);
                } else if (type instanceof JsonBooleanSchema) {
                    root.put(p.getKey(), answer.equals(NO_ANSWER));
                } else {
                    root.putNull(p.getKey());
                }
            }
            return root.toString();
        }
        root.put("answer", answer);
        ArrayNode a = root.putArray("citations");
        markers.forEach(mk -> a.add(mk.substring(1, mk.length() - 1)));
        return root.toString();
    }

    @Override
    public String toString() {
        return "ExtractiveChatModel[not an LLM, maxSentences=" + maxSentences + "]";
    }
}
