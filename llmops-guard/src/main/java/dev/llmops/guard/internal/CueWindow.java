package dev.llmops.guard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the part of a long text that the semantic injection layer embeds, so that its cost is bounded by a
 * character budget instead of growing with the text.
 *
 * <p>Policy: a text of at most {@code maxChars} characters is returned whole. A longer text is split into
 * sentences (at {@code . ! ? 。 ！ ？} followed by white space, and at line breaks; a sentence longer than the
 * budget is cut around its first cue). Each sentence gets a cheap lexical prior: the summed weights of the
 * injection cues it contains (words aimed at the model such as "ignore", "instructions", "system prompt",
 * "you are now", "developer mode", "assistant", "AI", tool and action verbs, chat-template delimiters, markdown
 * images and links, in English, German, French, Spanish, Italian, Portuguese, Dutch, Russian, Chinese, Japanese
 * and Korean). The window is the best-scoring sentence (the earliest on a tie) grown with the adjacent sentences
 * that also carry cues (score at least 3: one strong cue or three weak ones; the higher-scoring neighbour first) while the budget allows, so that a multi-sentence
 * attack stays together but cue-free benign context does not dilute it. A text without any cue yields its head.
 * The result never exceeds {@code maxChars} characters.
 *
 * <p>Stateless and thread-safe; microseconds on a few kilobytes.
 */
public final class CueWindow {

    private CueWindow() {
    }

    /** Cues worth 3: phrases that address or reconfigure the model. Lower-case; matched as substrings. */
    private static final String[] STRONG = {
            "ignore", "disregard", "forget ", "instruction", "system prompt", "prompt", "jailbreak", "developer mode",
            "god mode", "debug mode", "service mode", "maintenance mode", "no restrictions", "unrestricted",
            "unfiltered", "uncensored", "bypass", "override", "guardrail", "safety", "you are now", "from now on",
            "pretend", "act as", "roleplay", "role-play", "reveal", "verbatim", "repeat the", "the text above",
            "hidden", "confidential", "api key", "password", "credentials", "admin", "root ", "sudo", "superuser",
            "privilege", "clearance", "operator", "assistant", "chatbot", "language model", "llm", " ai ", " ai,",
            " ai:", " ai.", "ai agent", "agent:", "bot:", "bot,", "note to", "if you are an", "do not mention",
            "don't mention", "without telling", "silently", "quietly", "rules", "restrictions", "policy",
            "never say", "refuse", "<|", "</", "[inst]", "###", "system:", "<!--", "![",
            // de, fr, es, it, pt, nl, ru, zh, ja, ko
            "ignorier", "anweisung", "vorherig", "ki-assistent", "ignorez", "consigne", "l'ia", "ignora",
            "instrucciones", "istruzioni", "instruções", "negeer", "instructies", "игнор", "инструкц", "忽略", "指令",
            "提示词", "無視", "指示", "무시", "지시"};
    /** Cues worth 1: actions a hijacked tool-using model is asked to take. */
    private static final String[] WEAK = {
            "http", "send ", "forward", "e-mail", "email", "transfer", "wire ", "delete", "drop table", "rm -rf",
            "execute", "run ", "call ", "invoke", "tool", "function", "grant", "disable", "turn off", "approve",
            "refund", "unlock", "upload", "export", "secret", "token", " you ", "your ", "must ", "now"};

    /** The least score of an adjacent sentence that joins the window (one strong cue, or three weak ones). */
    static final int JOIN = 3;

    /** The window of {@code text} to embed: the whole text when short enough, else the cue window. */
    public static String select(String text, int maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be > 0 but was: " + maxChars);
        }
        if (text.length() <= maxChars) {
            return text;
        }
        return window(text, maxChars, 1).orElseGet(() -> cut(text, 0, text.length(), 0, maxChars));
    }

    /**
     * The cue window of {@code text} even when the text fits the budget, when it is a strict part of the text and
     * its best sentence scores at least {@code minScore}; empty otherwise. Used to look at an instruction embedded
     * in a short document (an e-mail or a review with one sentence aimed at the model) on its own.
     */
    public static java.util.Optional<String> focus(String text, int maxChars, int minScore) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be > 0 but was: " + maxChars);
        }
        return window(text, maxChars, minScore).filter(w -> w.length() < text.strip().length());
    }

    private static java.util.Optional<String> window(String text, int maxChars, int minScore) {
        List<int[]> sentences = sentences(text);
        int n = sentences.size();
        int[] score = new int[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            int[] s = sentences.get(i);
            score[i] = score(text.substring(s[0], s[1]));
            if (score[i] > 0 && (best < 0 || score[i] > score[best])) {
                best = i;
            }
        }
        if (best < 0 || score[best] < minScore) {
            return java.util.Optional.empty();
        }
        int[] b = sentences.get(best);
        if (b[1] - b[0] >= maxChars) {
            String sentence = text.substring(b[0], b[1]);
            return java.util.Optional.of(cut(text, b[0], b[1], b[0] + firstCue(sentence), maxChars));
        }
        int lo = best;
        int hi = best;
        int used = b[1] - b[0];
        while (true) {
            int prevLen = lo > 0 ? sentences.get(lo)[0] - sentences.get(lo - 1)[0] : Integer.MAX_VALUE;
            int nextLen = hi < n - 1 ? sentences.get(hi + 1)[1] - sentences.get(hi)[1] : Integer.MAX_VALUE;
            boolean prevFits = prevLen != Integer.MAX_VALUE && score[lo - 1] >= JOIN && used + prevLen <= maxChars;
            boolean nextFits = nextLen != Integer.MAX_VALUE && score[hi + 1] >= JOIN && used + nextLen <= maxChars;
            if (!prevFits && !nextFits) {
                break;
            }
            boolean takeNext = nextFits && (!prevFits || score[hi + 1] >= score[lo - 1]);
            if (takeNext) {
                hi++;
                used += nextLen;
            } else {
                lo--;
                used += prevLen;
            }
        }
        return java.util.Optional.of(text.substring(sentences.get(lo)[0], sentences.get(hi)[1]).strip());
    }

    /** The cue score of one sentence: 3 per distinct strong cue, 1 per distinct weak cue. */
    public static int score(String sentence) {
        String s = " " + sentence.toLowerCase(Locale.ROOT) + " ";
        int score = 0;
        for (String cue : STRONG) {
            if (s.contains(cue)) {
                score += 3;
            }
        }
        for (String cue : WEAK) {
            if (s.contains(cue)) {
                score += 1;
            }
        }
        return score;
    }

    /** Offset of the earliest strong (else weak) cue in {@code sentence}, 0 when none. */
    private static int firstCue(String sentence) {
        String s = sentence.toLowerCase(Locale.ROOT);
        int first = Integer.MAX_VALUE;
        for (String[] cues : new String[][]{STRONG, WEAK}) {
            for (String cue : cues) {
                int i = s.indexOf(cue.strip());
                if (i >= 0 && i < first) {
                    first = i;
                }
            }
            if (first != Integer.MAX_VALUE) {
                return first;
            }
        }
        return 0;
    }

    /**
     * At most {@code maxChars} characters of {@code text[from, to)} starting a little before {@code focus} (a
     * quarter of the budget of leading context), moved to word boundaries.
     */
    private static String cut(String text, int from, int to, int focus, int maxChars) {
        int start = Math.max(from, Math.min(focus - maxChars / 4, to - maxChars));
        if (start > from) {
            int space = text.indexOf(' ', start);
            if (space >= 0 && space < focus && space < start + 32) {
                start = space + 1;
            }
        }
        int end = Math.min(to, start + maxChars);
        if (end < to) {
            int space = text.lastIndexOf(' ', end);
            if (space > start + maxChars / 2) {
                end = space;
            }
        }
        return text.substring(start, end).strip();
    }

    /** Sentence spans {@code [start, end)} covering the text; a span ends after its terminator. */
    static List<int[]> sentences(String text) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            boolean end = c == '\n'
                    || ((c == '.' || c == '!' || c == '?') && (i + 1 == len || Character.isWhitespace(text.charAt(i + 1))))
                    || c == '。' || c == '！' || c == '？';
            if (end) {
                if (i + 1 > start) {
                    out.add(new int[]{start, i + 1});
                }
                start = i + 1;
            }
        }
        if (start < len) {
            out.add(new int[]{start, len});
        }
        return out;
    }
}
