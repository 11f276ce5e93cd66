package dev.llmops.eval.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmops.api.LoadException;
import dev.llmops.eval.AssertionSpec;
import dev.llmops.eval.EvalCase;
import dev.llmops.eval.PromptSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binds suite files (YAML or JSON) and JSONL case files with Jackson. Validation happens in the record
 * constructors, so Jackson reports the line and the field path of any bad value. Thread-safe.
 */
public final class SuiteJson {

    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private SuiteJson() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A validation error that names its field. */
    public static final class FieldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public FieldException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Jackson's path as {@code tests[2].assert[0]}. */
    public static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Turns a Jackson failure into a {@link LoadException} naming the source, line and field. */
    public static LoadException loadError(String source, int lineOffset, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null || loc.getLineNr() <= 0 ? 0 : loc.getLineNr() + lineOffset;
        String field = null;
        String detail = e.getOriginalMessage();
        if (e instanceof JsonMappingException m) {
            String p = path(m.getPath());
            Throwable cause = m.getCause();
            if (cause instanceof FieldException fe) {
                p = p.isEmpty() ? fe.field() : p + "." + fe.field();
                detail = fe.getMessage();
            } else if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                detail = iae.getMessage();
            }
            field = p.isEmpty() ? null : p;
        }
        int nl = detail == null ? -1 : detail.indexOf('\n');
        detail = detail == null ? e.getClass().getSimpleName() : nl < 0 ? detail : detail.substring(0, nl);
        return new LoadException(source, line, field, detail, e);
    }

    /** One assertion as written. */
    public record AssertFile(String type, JsonNode value, Double weight, Double threshold, String metric, String path,
                             Integer min, Integer max, List<String> steps, Integer n) {

        @JsonCreator
        public AssertFile(@JsonProperty("type") String type, @JsonProperty("value") JsonNode value,
                          @JsonProperty("weight") Double weight, @JsonProperty("threshold") Double threshold,
                          @JsonProperty("metric") String metric, @JsonProperty("path") String path,
                          @JsonProperty("min") Integer min, @JsonProperty("max") Integer max,
                          @JsonProperty("steps") List<String> steps, @JsonProperty("n") Integer n) {
            this.type = type;
            this.value = value == null ? NullNode.getInstance() : value;
            this.weight = weight;
            this.threshold = threshold;
            this.metric = metric;
            this.path = path;
            this.min = min;
            this.max = max;
            this.steps = steps == null ? List.of() : steps;
            this.n = n;
            toSpec();
        }

        /** The spec, validated field by field. */
        public AssertionSpec toSpec() {
            if (type == null) {
                throw new FieldException("type", "missing assertion type");
            }
            AssertionSpec.Builder b;
            try {
                b = AssertionSpec.builder(type);
            } catch (IllegalArgumentException e) {
                throw new FieldException("type", e.getMessage());
            }
            b.value(value);
            apply("weight", () -> {
                if (weight != null) {
                    b.weight(weight);
                }
            });
            apply("threshold", () -> {
                if (threshold != null) {
                    b.threshold(threshold);
                }
            });
            apply("metric", () -> {
                if (metric != null) {
                    b.metric(metric);
                }
            });
            if (path != null) {
                b.path(path);
            }
            apply("min", () -> {
                if (min != null) {
                    b.min(min);
                }
            });
            apply("max", () -> {
                if (max != null) {
                    b.max(max);
                }
            });
            b.steps(steps);
            apply("n", () -> {
                if (n != null) {
                    b.n(n);
                }
            });
            AssertionSpec spec;
            try {
                spec = b.build();
            } catch (IllegalArgumentException e) {
                throw new FieldException("max", e.getMessage());
            }
            requireValue(spec);
            return spec;
        }

        private void requireValue(AssertionSpec spec) {
            String t = spec.type();
            boolean needsText = List.of("contains", "icontains", "starts-with", "regex", "closed-qa",
                    "llm-rubric", "custom", "guard").contains(t);
            boolean needsList = List.of("contains-any", "contains-all").contains(t);
            boolean needsNumber = List.of("latency", "cost", "tokens").contains(t);
            if (needsText && spec.valueText().isEmpty()) {
                throw new FieldException("value", "assertion '" + type + "' needs a text value");
            }
            if (needsList && spec.valueTexts().isEmpty()) {
                throw new FieldException("value", "assertion '" + type + "' needs a list of texts");
            }
            if (needsNumber && !spec.value().isNumber()) {
                throw new FieldException("value", "assertion '" + type + "' needs a number (ceiling) but was: "
                        + spec.value());
            }
            if (t.equals("regex")) {
                try {
                    java.util.regex.Pattern.compile(spec.valueText().orElseThrow());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new FieldException("value", "invalid regex: " + e.getDescription());
                }
            }
            if (t.equals("json-path") && spec.path().isEmpty()) {
                throw new FieldException("path", "assertion 'json-path' needs a path");
            }
            if (t.equals("length") && spec.min().isEmpty() && spec.max().isEmpty()) {
                throw new FieldException("min", "assertion 'length' needs min and/or max");
            }
        }

        private static void apply(String field, Runnable r) {
            try {
                r.run();
            } catch (FieldException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new FieldException(field, e.getMessage());
            }
        }
    }

    /** One case as written. */
    public record CaseFile(String id, String description, Map<String, String> vars, String expected,
                           List<String> context, List<String> relevantIds, Map<String, String> metadata,
                           List<AssertFile> asserts, Integer repeat, Double passRateThreshold, Double threshold) {

        @JsonCreator
        public CaseFile(@JsonProperty("id") String id, @JsonProperty("description") String description,
                        @JsonProperty("vars") Map<String, String> vars, @JsonProperty("expected") String expected,
                        @JsonProperty("context") List<String> context,
                        @JsonProperty("relevantIds") List<String> relevantIds,
                        @JsonProperty("metadata") Map<String, String> metadata,
                        @JsonProperty("assert") List<AssertFile> asserts, @JsonProperty("repeat") Integer repeat,
                        @JsonProperty("passRateThreshold") Double passRateThreshold,
                        @JsonProperty("threshold") Double threshold) {
            this.id = id;
            this.description = description;
            this.vars = vars == null ? Map.of() : vars;
            this.expected = expected;
            this.context = context == null ? List.of() : context;
            this.relevantIds = relevantIds == null ? List.of() : relevantIds;
            this.metadata = metadata == null ? Map.of() : metadata;
            this.asserts = asserts == null ? List.of() : asserts;
            this.repeat = repeat;
            this.passRateThreshold = passRateThreshold;
            this.threshold = threshold;
            if (id != null && id.isBlank()) {
                throw new FieldException("id", "id must not be blank");
            }
            this.vars.forEach((k, v) -> {
                if (v == null) {
                    throw new FieldException("vars." + k, "variable must not be null");
                }
            });
            if (repeat != null && repeat <= 0) {
                throw new FieldException("repeat", "repeat must be > 0 but was: " + repeat);
            }
            if (passRateThreshold != null && !(passRateThreshold >= 0 && passRateThreshold <= 1)) {
                throw new FieldException("passRateThreshold", "passRateThreshold must be in [0, 1] but was: "
                        + passRateThreshold);
            }
            if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
                throw new FieldException("threshold", "threshold must be in [0, 1] but was: " + threshold);
            }
        }

        /** The case, with {@code fallbackId} when the file gives none. */
        public EvalCase toCase(String fallbackId) {
            EvalCase.Builder b = EvalCase.builder(id == null ? fallbackId : id).vars(vars).context(context)
                    .relevantIds(relevantIds);
            if (description != null) {
                b.description(description);
            }
            if (expected != null) {
                b.expected(expected);
            }
            metadata.forEach(b::metadata);
            asserts.forEach(a -> b.assertion(a.toSpec()));
            if (repeat != null) {
                b.repeat(repeat);
            }
            if (passRateThreshold != null) {
                b.passRateThreshold(passRateThreshold);
            }
            if (threshold != null) {
                b.threshold(threshold);
            }
            return b.build();
        }
    }

    /** One prompt as written: a reference string, or {@code {id, template}} / {@code {ref}}. */
    public static final class PromptEntry {
        private final PromptSpec spec;

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public PromptEntry(String ref) {
            this.spec = ref(ref);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public PromptEntry(@JsonProperty("id") String id, @JsonProperty("template") String template,
                           @JsonProperty("ref") String ref) {
            if (template != null && ref != null) {
                throw new FieldException("ref", "a prompt has either 'template' or 'ref', not both");
            }
            if (template != null) {
                if (id == null || id.isBlank()) {
                    throw new FieldException("id", "an inline prompt needs an id");
                }
                this.spec = PromptSpec.inline(id, template);
            } else if (ref != null) {
                this.spec = ref(ref);
            } else {
                throw new FieldException("template", "a prompt needs 'template' or 'ref'");
            }
        }

        private static PromptSpec ref(String ref) {
            try {
                return PromptSpec.ref(ref);
            } catch (IllegalArgumentException e) {
                throw new FieldException("ref", e.getMessage());
            }
        }

        public PromptSpec spec() {
            return spec;
        }
    }

    /** A whole suite file. */
    public record SuiteFile(String description, List<PromptEntry> prompts, List<String> targets,
                            CaseFile defaultTest, List<CaseFile> tests, List<String> caseFiles, Integer repeat,
                            Double passRateThreshold) {

        @JsonCreator
        public SuiteFile(@JsonProperty("description") String description,
                         @JsonProperty("prompts") List<PromptEntry> prompts,
                         @JsonProperty("targets") List<String> targets,
                         @JsonProperty("defaultTest") CaseFile defaultTest,
                         @JsonProperty("tests") List<CaseFile> tests,
                         @JsonProperty("caseFiles") List<String> caseFiles,
                         @JsonProperty("repeat") Integer repeat,
                         @JsonProperty("passRateThreshold") Double passRateThreshold) {
            this.description = description == null ? "" : description;
            this.prompts = prompts == null ? List.of() : prompts;
            this.targets = targets == null ? List.of() : targets;
            this.defaultTest = defaultTest;
            this.tests = tests == null ? List.of() : tests;
            this.caseFiles = caseFiles == null ? List.of() : caseFiles;
            this.repeat = repeat;
            this.passRateThreshold = passRateThreshold;
            if (repeat != null && repeat <= 0) {
                throw new FieldException("repeat", "repeat must be > 0 but was: " + repeat);
            }
            if (passRateThreshold != null && !(passRateThreshold >= 0 && passRateThreshold <= 1)) {
                throw new FieldException("passRateThreshold", "passRateThreshold must be in [0, 1] but was: "
                        + passRateThreshold);
            }
            if (defaultTest != null && defaultTest.id() != null) {
                throw new FieldException("defaultTest.id", "defaultTest must not have an id");
            }
        }
    }

    /** Reads a suite file; YAML unless the name ends in {@code .json}. */
    public static SuiteFile readSuite(Path file) {
        String source = file.toString();
        String text = read(file);
        ObjectMapper m = source.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON : YAML;
        try {
            SuiteFile s = m.readValue(text, SuiteFile.class);
            if (s == null) {
                throw new LoadException(source, 0, null, "empty suite file");
            }
            return s;
        } catch (JsonProcessingException e) {
            throw loadError(source, 0, e);
        }
    }

    /** Reads a JSONL case file: one case object per line; blank lines and lines starting with # are skipped. */
    public static List<EvalCase> readJsonl(Path file) {
        String source = file.toString();
        List<EvalCase> out = new ArrayList<>();
        String[] lines = read(file).split("\r?\n", -1);
        String stem = stem(file);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                CaseFile c = JSON.readValue(line, CaseFile.class);
                if (c == null) {
                    throw new LoadException(source, i + 1, null, "expected a case object but was null");
                }
                out.add(c.toCase(stem + "-" + (i + 1)));
            } catch (JsonProcessingException e) {
                throw loadError(source, i, e);
            }
        }
        return out;
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new LoadException(file.toString(), 0, null, "not valid UTF-8", e);
        } catch (IOException e) {
            throw new LoadException(file.toString(), 0, null, "cannot read: " + e, e);
        }
    }
}
