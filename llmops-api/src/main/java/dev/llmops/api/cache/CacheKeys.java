package dev.llmops.api.cache;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.llmops.api.internal.Hashing;
import dev.llmops.api.model.TokenEstimator;

import java.util.List;

/**
 * Computes cache keys: the SHA-256 (hex) of a canonical JSON document holding the model id, every
 * request parameter that changes an answer, and each message's type and content. The same request
 * always hashes the same across JVMs and versions of this class that keep the format
 * ({@link #FORMAT}).
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class CacheKeys {

    /** Bumped when the canonical form changes, so old entries are not misread. */
    public static final int FORMAT = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CacheKeys() {
    }

    /**
     * The key for a call.
     *
     * @param model      the gateway's model id
     * @param messages   the messages sent
     * @param parameters the request parameters, or {@code null} for the model's defaults
     */
    public static String key(String model, List<ChatMessage> messages, ChatRequestParameters parameters) {
        return Hashing.sha256Hex(canonical(model, messages, parameters));
    }

    /** The canonical JSON that {@link #key} hashes; exposed for debugging cache misses. */
    public static String canonical(String model, List<ChatMessage> messages, ChatRequestParameters p) {
        ObjectNode root = F.objectNode();
        root.put("format", FORMAT);
        root.put("model", model);
        ObjectNode params = root.putObject("parameters");
        if (p != null) {
            putIfSet(params, "modelName", p.modelName());
            putIfSet(params, "temperature", p.temperature());
            putIfSet(params, "topP", p.topP());
            putIfSet(params, "topK", p.topK());
            putIfSet(params, "frequencyPenalty", p.frequencyPenalty());
            putIfSet(params, "presencePenalty", p.presencePenalty());
            putIfSet(params, "maxOutputTokens", p.maxOutputTokens());
            if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
                ArrayNode stop = params.putArray("stopSequences");
                p.stopSequences().forEach(stop::add);
            }
            if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
                ArrayNode tools = params.putArray("tools");
                for (ToolSpecification t : p.toolSpecifications()) {
                    tools.add(t.toString());
                }
            }
            if (p.toolChoice() != null) {
                params.put("toolChoice", p.toolChoice().name());
            }
            if (p.responseFormat() != null) {
                params.put("responseFormat", p.responseFormat().toString());
            }
        }
        ArrayNode msgs = root.putArray("messages");
        for (ChatMessage m : messages) {
            ObjectNode node = msgs.addObject();
            node.put("type", m.type().name());
            if (m instanceof UserMessage u && !u.hasSingleText()) {
                ArrayNode parts = node.putArray("contents");
                for (Content c : u.contents()) {
                    parts.add(c instanceof TextContent t ? t.text() : c.toString());
                }
            } else {
                node.put("text", TokenEstimator.textOf(m));
            }
            if (m instanceof AiMessage a && a.hasToolExecutionRequests()) {
                ArrayNode calls = node.putArray("toolCalls");
                for (ToolExecutionRequest r : a.toolExecutionRequests()) {
                    calls.addObject().put("id", r.id()).put("name", r.name()).put("arguments", r.arguments());
                }
            }
            if (m instanceof ToolExecutionResultMessage t) {
                node.put("toolCallId", t.id()).put("toolName", t.toolName());
            }
        }
        return root.toString();
    }

    private static void putIfSet(ObjectNode node, String name, Object value) {
        if (value instanceof String s) {
            node.put(name, s);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else if (value instanceof Double d) {
            node.put(name, d);
        }
    }
}
