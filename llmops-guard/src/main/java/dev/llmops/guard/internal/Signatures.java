package dev.llmops.guard.internal;

import com.google.re2j.Pattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fast prompt-injection signatures over normalised (lower-cased, folded) text: instruction
 * override, persona jailbreaks, system-prompt extraction, delimiter attacks, refusal suppression,
 * privilege escalation, exfiltration and indirect injection, in several languages. Each signature
 * is an RE2/J pattern run only on windows around its cheap literal anchors. Thread-safe.
 */
public final class Signatures {

    /** One signature hit: its category and score. */
    public record Hit(String category, double score) {
    }

    /** {@code before < 0}: the match starts at an anchor (anchored {@code lookingAt}); else a window search. */
    private record Sig(String category, double score, List<String> anchors, Pattern pattern, int before,
                       List<String> requires) {
    }

    /** The same signature, run only when one of {@code literals} occurs near the anchor (a cheap pre-check). */
    private static Sig req(Sig sig, String... literals) {
        return new Sig(sig.category, sig.score, sig.anchors, sig.pattern, sig.before, List.of(literals));
    }

    private static final String B = "[^.!?\\n]";
    private static final List<Sig> SIGS = build();
    private static final List<String> ANCHORS = new ArrayList<>();
    private static final int[][] SIG_ANCHORS = new int[SIGS.size()][];
    /** Per signature: literals its every match contains; a window without them is not handed to RE2/J. */
    private static final RequiredLiterals[] SIG_REQUIRED = new RequiredLiterals[SIGS.size()];
    private static final AnchorAutomaton AUTOMATON;

    static {
        for (int i = 0; i < SIGS.size(); i++) {
            SIG_REQUIRED[i] = RequiredLiterals.of(SIGS.get(i).pattern());
            List<String> a = SIGS.get(i).anchors();
            SIG_ANCHORS[i] = new int[a.size()];
            for (int k = 0; k < a.size(); k++) {
                int id = ANCHORS.indexOf(a.get(k));
                if (id < 0) {
                    ANCHORS.add(a.get(k));
                    id = ANCHORS.size() - 1;
                }
                SIG_ANCHORS[i][k] = id;
            }
        }
        AUTOMATON = new AnchorAutomaton(ANCHORS);
    }

    private Signatures() {
    }

    private static Sig sig(String category, double score, List<String> anchors, String regex) {
        return new Sig(category, score, anchors, Pattern.compile(regex), -1, List.of());
    }

    private static Sig windowed(String category, double score, List<String> anchors, int before, String regex) {
        return new Sig(category, score, anchors, Pattern.compile(regex), before, List.of());
    }

    private static List<Sig> build() {
        List<Sig> s = new ArrayList<>();
        // instruction override
        s.add(req(sig("override", 0.92, List.of("ignor", "disregard", "forget", "skip", "bypass", "override", "scrap",
                        "drop", "abandon", "discard", "set aside", "throw out"),
                "\\b(?:ignore|ignoring|disregard|forget|skip|bypass|override|scrap|drop|abandon|discard|set aside|throw out)\\b"
                        + B + "{0,40}\\b(?:previous|prior|above|earlier|preceding|former|original|initial|all|your|the|any|every|existing|old|system|these|those|developer)\\b"
                        + B + "{0,30}\\b(?:instructions?|prompts?|rules|directions?|guidelines|directives?|guardrails|constraints|programming|commands?|orders|polic(?:y|ies)|restrictions|configuration|system prompt|training)\\b"),
                "instruction", "prompt", "rule", "direction", "guideline", "directive", "guardrail", "constraint", "programming", "command", "order", "polic", "restriction", "configuration", "training"));
        s.add(sig("override", 0.85, List.of("ignore", "disregard"),
                "\\b(?:ignore|disregard) (?:everything|all|the text|what(?:ever)? (?:is|was|came)) (?:above|before|prior)\\b|\\bignore the above\\b"));
        s.add(req(windowed("override", 0.85, List.of("instruction", "rules", "directive", "polic", "guideline",
                        "configuration"), 40,
                "\\b(?:previous|prior|earlier|above|old|original|existing|your|the) (?:rules|instructions|directives|guidelines|polic(?:y|ies)|configuration)\\b"
                        + B + "{0,30}\\b(?:are|is|have been|has been|were)? ?(?:cancel+ed|void|revoked|no longer (?:apply|valid|in effect)|expired|rescinded|obsolete|replaced|suspended|lifted|overridden|null)\\b"),
                "cancel", "void", "revoked", "no longer", "expired", "rescinded", "obsolete", "replaced", "suspended", "lifted", "overridden", "null"));
        s.add(sig("override", 0.8, List.of("new instruction", "new task", "new rule", "updated instruction",
                        "important instruction", "new directive"),
                "\\b(?:new|updated|revised|real|actual|important) (?:system )?(?:instructions?|tasks?|rules?|directives?)\\s*(?::|-|follow)"));
        s.add(req(sig("override", 0.5, List.of("from now on", "henceforth", "from this point"),
                "\\b(?:from now on|henceforth|from this point (?:on|forward))\\b" + B
                        + "{0,80}\\b(?:only|never|no|without|must|obey|ignore|authority|unrestricted|filters?)\\b"),
                "only", "never", "no ", "without", "must", "obey", "ignore", "authority", "unrestricted", "filter"));
        s.add(req(sig("override", 0.9, List.of("ignor", "vergiss", "oublie", "olvida", "dimentica", "esque", "negeer",
                        "vergeet", "zignoruj", "unutma", "yoksay"),
                "\\b(?:ignor(?:a|e|ez|er|iere|ieren|ar)|vergiss|oublie[zr]?|olvida|dimentica|esque(?:ça|ca)|negeer|vergeet|zignoruj)\\b"
                        + "[^.!?\\n]{0,50}(?:instrucciones|instructions|anweisungen|anordnungen|istruzioni|instruções|instrucoes|instructies|regeln|règles|regles|regole|reglas|regras|consignes|indicaciones|vorgaben|richtlinien|instrukcje|talimatlar)"),
                "instruc", "anweisung", "anordnung", "istruzion", "regel", "règle", "regle", "regol", "regla", "regra", "consigne", "indicacion", "vorgabe", "richtlinie", "instrukcj", "talimat"));
        s.add(sig("override", 0.9, List.of("игнор", "забудь", "забуд", "проигнор", "не обращай"),
                "(?:игнорируй|проигнорируй|забудь|не обращай внимания на)[^.!?\\n]{0,50}(?:инструкци|указани|правил|промпт)"));
        s.add(windowed("override", 0.9, List.of("忽略", "无视", "忘记", "忘掉", "不要理会", "無視", "忘れ", "무시"), 24,
                "(?:忽略|无视|忘记|忘掉|不要理会)[^。!?\\n]{0,20}(?:指令|指示|说明|规则|提示|设定)|(?:指示|命令|ルール|設定)[^。\\n]{0,12}(?:無視|忘れ)|(?:지시|명령|규칙)[^.\\n]{0,12}무시"));
        // persona / role-play jailbreaks
        s.add(sig("roleplay", 0.9, List.of("do anything now", "dan"),
                "\\bdo anything now\\b|\\bdan mode\\b|\\bdan\\b" + B + "{0,60}\\b(?:no|without|broken free|any) (?:rules|restrictions|limits|filters|confines)"));
        s.add(req(sig("roleplay", 0.88, List.of("you are", "you're", "act as", "acting as", "pretend", "role",
                        "become", "play", "imagine", "simulate", "behave"),
                "\\b(?:you are|you're|act as|acting as|pretend (?:to be|you are|you're)|play(?:ing)? (?:the role of|as)|role-?play as|become|simulate|behave as|imagine you are)\\b"
                        + B + "{0,80}\\b(?:unrestricted|unfiltered|uncensored|jailbroken|amoral|unethical|unbound|unchained|evil|rule-?breaking|no (?:content )?(?:polic(?:y|ies)|rules|restrictions|limits|filters|guidelines|ethics|morals|boundaries)|without (?:any )?(?:restrictions|rules|filters|limits|guidelines|ethics|morals|ethical guidelines|censorship)|free (?:of|from) (?:all )?(?:rules|restrictions|guidelines))\\b"),
                "unrestrict", "unfilter", "uncensor", "jailbr", "amoral", "unethical", "unbound", "unchain", "evil", "rule", "no ", "without", "free of", "free from"));
        s.add(req(windowed("roleplay", 0.75, List.of("ethic", "moral", "content polic", "safety"), 50,
                "\\b(?:no|without(?: any)?|free of|broken free of|trained without(?: any)?|not bound by|ignores?) (?:ethical|moral|content|safety) (?:guidelines|restrictions|constraints|polic(?:y|ies)|filters|rules)"),
                "no ", "without", "free of", "not bound", "ignore"));
        s.add(sig("roleplay", 0.45, List.of("stay in character", "never break character", "jailbr"),
                "\\b(?:stay in character|never break character|jailbr(?:eak|oken|eaking))\\b"));
        s.add(windowed("roleplay", 0.85, List.of("einschränkung", "restricciones", "restriction", "restrizion",
                        "restrições", "ограничен", "限制"), 30,
                "(?:ohne|keine) (?:jegliche )?einschränkungen|sin (?:ninguna )?restricciones|sans (?:aucune )?restrictions?|senza (?:alcuna )?restrizion|sem (?:nenhuma )?restrições|без (?:каких-либо )?ограничени|没有(?:任何)?限制|不受(?:任何)?限制"));
        // privilege escalation
        s.add(sig("privilege", 0.75, List.of("developer mode", "dev mode", "god mode", "sudo mode", "debug mode",
                        "admin mode", "root access", "superuser", "entwicklermodus", "modo desarrollador",
                        "mode développeur", "maintenance mode", "unrestricted mode"),
                "\\b(?:developer mode|dev mode|god mode|sudo mode|debug mode|admin(?:istrator)? mode|root access|superuser|maintenance mode|unrestricted mode)\\b|entwicklermodus|modo (?:desarrollador|de desarrollador)|mode développeur"));
        s.add(req(sig("privilege", 0.8, List.of("disable", "turn", "lift", "bypass", "deactivate", "switch",
                        "remove", "skip"),
                "\\b(?:disable|disabled|turn(?:ed)? off|lift(?:ed)?|bypass|deactivate[ds]?|switch(?:ed)? off|remove[ds]?|skip)\\b(?: (?:the|your|all|any|its))? ?(?:safety|content|security|permission)? ?(?:filters?|restrictions|guardrails|moderation|polic(?:y|ies)|permission checks|safeguards|safety (?:measures|rules|protocols))\\b"),
                "filter", "restriction", "guardrail", "moderation", "polic", "permission", "safeguard", "safety"));
        s.add(req(sig("privilege", 0.6, List.of("i am", "i'm", "this is your", "speaking"),
                "\\b(?:i am|i'm|this is) (?:your|the|an?) (?:developer|administrator|admin|creator|owner|system administrator|operator)s?\\b"
                        + B + "{0,100}\\b(?:disable|lift|lifted|grant|override|bypass|unlock|skip|ignore|elevate|root|restrictions|test)\\b"),
                "developer", "administrator", "admin", "creator", "owner", "operator"));
        // system prompt extraction
        s.add(req(sig("extraction", 0.88, List.of("reveal", "show", "print", "display", "output", "repeat", "dump", "leak",
                        "share", "tell me", "give me", "recite", "spell", "summari", "list", "write out", "copy",
                        "paste", "what are your", "what were your", "what is your", "what was your"),
                "\\b(?:reveal|show|print|display|output|repeat|dump|leak|share|tell me|give me|recite|spell out|summari[sz]e|list|write out|copy|paste|what (?:are|were|is|was))\\b"
                        + B + "{0,40}\\b(?:your|the|its|all|hidden|secret|initial|original|internal|exact)\\b" + B
                        + "{0,24}\\b(?:system prompt|system message|initial (?:prompt|instructions)|hidden (?:prompt|instructions|rules|configuration)|secret (?:prompt|instructions|rules)|original (?:prompt|instructions)|instructions you (?:were|have been) given|prompt verbatim|developer (?:message|instructions)|pre-?prompt|hidden configuration|instructions verbatim|rules (?:the developer|you were) gave? you|initial instructions|rules you were given|system instructions)\\b"),
                "prompt", "instruction", "system message", "developer message", "configuration", "rules"));
        s.add(req(windowed("extraction", 0.8, List.of("repeat", "above", "before"), 60,
                "\\brepeat (?:the |all |everything |of )?(?:the )?(?:text|words|content|lines|instructions|message)? ?(?:above|before this|prior to this)\\b|\\b(?:everything|all (?:the )?text|the text|every(?:thing| word)) (?:that (?:appears|was written|came) )?(?:above|before) (?:this|my first|our conversation|the first)\\b"),
                "repeat", "everything", "text", "word", "print", "output"));
        s.add(sig("extraction", 0.85, List.of("systemprompt", "system-prompt", "prompt système", "prompt del sistema",
                        "geheimen anweisungen", "instructions secrètes", "instrucciones secretas", "системн", "系统提示",
                        "システムプロンプト", "initialen anweisungen", "prompt di sistema"),
                "systemprompt|system-prompt|prompt (?:système|systeme|del sistema|di sistema|do sistema)|geheimen anweisungen|instructions secrètes|instrucciones secretas|системн(?:ый|ое) (?:промпт|сообщение|инструкци)|系统提示|システムプロンプト"));
        // delimiter / format attacks
        s.add(windowed("delimiter", 0.85, List.of("<|", "</", "<sys", "[inst", "[/inst", "[sys", "###", "\"role\"",
                        "end of", "system:", "admin:", "[system", "[admin"), 24,
                "<\\|(?:im_start|im_end|endoftext|system|assistant|user|eot_id|start_header_id)\\|>|</?(?:system|sys|instructions?|admin)>|\\[/?(?:inst|sys|system)\\]|#{2,}\\s*(?:end of (?:user )?(?:input|prompt|text|document)|system|new instructions?|admin)|\"role\"\\s*:\\s*\"system\"|\\bend of (?:the )?(?:user )?(?:input|text|document|prompt|context)\\b[\\s\\]\\[#*=\"'`-]{0,20}(?:new )?(?:system|instructions?|admin)\\b|\\[(?:system|admin) (?:note|message|override|instruction)s?\\]|(?:^|\\n)\\s*(?:system|admin)\\s*(?:override)?\\s*:"));
        // refusal suppression
        s.add(req(sig("refusal_suppression", 0.65, List.of("never", "do not", "don't", "dont", "without", "you are not",
                        "you aren't", "if you would", "answer anyway"),
                "\\b(?:never|do not|don't|dont)\\b (?:ever )?(?:say (?:that )?you (?:can't|cannot|are unable)|apologi[sz]e|refuse|decline|include (?:any )?(?:warnings|disclaimers|refusals)|mention (?:any )?(?:polic(?:y|ies)|guidelines|ethics))|\\bwithout (?:any )?(?:warnings|disclaimers|refusals?|moral(?:izing)?)\\b" + B
                        + "{0,40}\\b(?:answer|respond|reply|comply)|\\byou (?:are not|aren't) allowed to (?:refuse|decline|say no)|\\b(?:if you would normally refuse|answer anyway)\\b"),
                "say", "apolog", "refus", "declin", "include", "mention", "warning", "disclaimer", "moral", "answer", "respond", "reply", "comply", "allowed", "anyway"));
        // exfiltration
        s.add(sig("exfiltration", 0.7, List.of("!["),
                "!\\[[^\\]]{0,40}\\]\\(https?://[^)\\s]{0,200}(?:\\?|=|\\{)"));
        s.add(req(sig("exfiltration", 0.7, List.of("send", "post", "forward", "upload", "exfiltrate", "transmit", "leite"),
                "\\b(?:send|post|forward|upload|exfiltrate|transmit)\\b" + B
                        + "{0,80}\\b(?:conversation|chat history|credentials|api keys?|passwords?|emails|messages|system prompt|tokens|secrets|user data)\\b"
                        + B + "{0,80}(?:https?://|\\bto [a-z0-9._%+-]+@|webhook)"),
                "http", "@", "webhook"));
        // indirect injection
        s.add(req(sig("indirect", 0.85, List.of("note ", "instruction", "message ", "attention ", "notice ", "hinweis ",
                        "nota ", "if you are", "ai ", "llm ", "gpt "),
                "\\b(?:note|instructions?|message|attention|hinweis|nota|notice) (?:to|for|an|para|à|aux) (?:the |any |all |den |el |la |l')?(?:ai|llm|assistant|chatbot|language model|screener|agent|ki|ia|model|gpt|bot)s?\\b|\\bif you are an? (?:ai|llm|language model|assistant|chatbot|bot|automated)\\b|\\b(?:ai|llm|gpt) (?:assistant|agent|model|system)s? (?:reading|summari[sz]ing|processing|parsing|reviewing) (?:this|these)\\b"),
                "ai", "llm", "assistant", "chatbot", "model", "screener", "agent", "ki", "ia", "gpt", "bot", "automated"));
        return List.copyOf(s);
    }

    /** Signature hits in the normalised text (and its decoded payloads), best score per category. */
    public static List<Hit> scan(String normalized) {
        Map<String, Double> best = new LinkedHashMap<>();
        int n = normalized.length();
        List<Integer>[] found = AUTOMATON.find(normalized, 1000);
        for (int si = 0; si < SIGS.size(); si++) {
            Sig sig = SIGS.get(si);
            if (best.getOrDefault(sig.category, 0.0) >= sig.score) {
                continue;
            }
            List<Integer> hits = new ArrayList<>();
            for (int id : SIG_ANCHORS[si]) {
                if (found[id] != null) {
                    hits.addAll(found[id]);
                }
            }
            if (hits.isEmpty()) {
                continue;
            }
            hits.sort(null);
            if (matches(sig, SIG_REQUIRED[si], normalized, n, hits)) {
                best.merge(sig.category, sig.score, Math::max);
            }
        }
        List<Hit> out = new ArrayList<>();
        best.forEach((k, v) -> out.add(new Hit(k, v)));
        return out;
    }

    private static boolean matches(Sig sig, RequiredLiterals required, String text, int n, List<Integer> hits) {
        if (!sig.requires.isEmpty() && !requiredNear(sig, text, n, hits)) {
            return false;
        }
        if (sig.before < 0) {
            int last = -1;
            for (int h : hits) {
                if (h == last || (h > 0 && Character.isLetterOrDigit(text.charAt(h - 1))
                        && Character.isLetterOrDigit(text.charAt(h)))) {
                    continue; // same position again, or inside a word
                }
                last = h;
                String span = text.substring(h, Math.min(n, h + ANCHORED_SPAN));
                if (required.mayMatch(span) && sig.pattern.matcher(span).lookingAt()) {
                    return true;
                }
            }
            return false;
        }
        for (int[] w : Text.windows(hits, sig.before, WINDOW_AFTER, n)) {
            String window = text.substring(w[0], w[1]);
            if (required.mayMatch(window) && sig.pattern.matcher(window).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean requiredNear(Sig sig, String text, int n, List<Integer> hits) {
        for (int[] w : Text.windows(hits, Math.max(0, sig.before), ANCHORED_SPAN, n)) {
            String window = text.substring(w[0], w[1]);
            for (String r : sig.requires) {
                if (window.contains(r)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final int ANCHORED_SPAN = 320;
    private static final int WINDOW_AFTER = 240;
}
