package dev.llmops.examples;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.llmops.api.LlmOpsJson;
import dev.llmops.api.LoadException;
import dev.llmops.api.model.LanguageModel;
import dev.llmops.api.prompt.PromptContent;
import dev.llmops.api.prompt.PromptMessage;
import dev.llmops.api.retrieval.MetadataFilter;
import dev.llmops.api.retrieval.Retriever;
import dev.llmops.api.retrieval.ScoredChunk;
import dev.llmops.prompts.Prompt;
import dev.llmops.prompts.chain.Chain;
import dev.llmops.rag.LuceneIndex;
import dev.llmops.rag.ingest.IngestReport;
import dev.llmops.rag.ingest.RecursiveChunker;
import dev.llmops.rag.ingest.SourceDocument;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * E-commerce recommendations: hybrid retrieval over the bundled catalogue with metadata filters
 * (category, price range), a ranked JSON recommendation from the model parsed into a record, and a
 * check of every recommended id against the catalogue and the filters: an invented or out-of-filter
 * product is dropped and reported, never shown.
 *
 * <pre>mvn -q -pl examples -am compile exec:java -Dexample.main=dev.llmops.examples.Recommender</pre>
 */
public final class Recommender {

    /** Products retrieved as candidates per request. */
    static final int CANDIDATES = 6;

    /** The scripted shopper requests. */
    static final List<Request> REQUESTS = List.of(
            new Request("a light rechargeable headlamp for trail running at night", "headlamps", 20, 80),
            new Request("a warm sleeping bag for winter camping below freezing", "sleeping-bags", 100, 400),
            new Request("waterproof hiking boots for long day hikes", "footwear", 80, 220),
            new Request("a compact power bank to charge a phone on a weekend trip", "power", 0, 60));

    private static final ObjectMapper JSON = LlmOpsJson.newMapper();

    private Recommender() {
    }

    public static void main(String[] args) {
        Path workdir = Path.of(System.getProperty("llmops.workdir", "target/llmops"));
        run(ExampleModels.fromEnv(), workdir, System.out);
    }

    /** A shopper's need with its filters (prices in EUR, inclusive). */
    record Request(String need, String category, double minPrice, double maxPrice) {
        Request {
            Objects.requireNonNull(need, "need");
            Objects.requireNonNull(category, "category");
            if (minPrice < 0 || maxPrice < minPrice) {
                throw new IllegalArgumentException("price range must satisfy 0 <= min <= max but was: ["
                        + minPrice + ", " + maxPrice + "]");
            }
        }

        MetadataFilter filter() {
            return MetadataFilter.and(MetadataFilter.eq("category", category),
                    MetadataFilter.between("price", minPrice, maxPrice));
        }

        boolean accepts(Product p) {
            return p.category().equals(category) && p.price() >= minPrice && p.price() <= maxPrice;
        }
    }

    /** One catalogue line. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Product(String id, String name, String category, String subcategory, String brand, double price,
                   String currency, double rating, @JsonProperty("in_stock") boolean inStock, List<String> tags,
                   String description) {
    }

    /**
     * What the model is asked for (its JSON schema is sent as the response format).
     *
     * @param answer            one or two sentences on why these products fit
     * @param productReferences catalogue ids of the recommended products, best first
     */
    public record Recommendation(String answer, List<String> productReferences) {
        public Recommendation {
            answer = answer == null ? "" : answer;
            productReferences = productReferences == null ? List.of() : List.copyOf(productReferences);
        }
    }

    /** A validated recommendation: the ranked products that exist and match the filters, and what was dropped. */
    record Outcome(Request request, List<String> candidates, List<Product> ranked, List<String> dropped,
                   String answer) {
    }

    /** The catalogue by id, in file order. */
    static Map<String, Product> catalogue() {
        Map<String, Product> products = new LinkedHashMap<>();
        try (InputStream in = Recommender.class.getResourceAsStream(BundledData.CATALOGUE)) {
            if (in == null) {
                throw new LoadException(BundledData.CATALOGUE, 0, null, "bundled resource is missing");
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    Product p = JSON.readValue(lines.get(i), Product.class);
                    if (products.putIfAbsent(p.id(), p) != null) {
                        throw new LoadException(BundledData.CATALOGUE, i + 1, "id", "duplicate product id " + p.id());
                    }
                } catch (JsonProcessingException e) {
                    throw new LoadException(BundledData.CATALOGUE, i + 1, null, e.getOriginalMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new LoadException(BundledData.CATALOGUE, 0, null, e.getMessage(), e);
        }
        return products;
    }

    /** The prompt, built in code (the assistant's prompt comes from the registry instead). */
    static Prompt prompt() {
        return Prompt.of("product-recommendation", PromptContent.chat(List.of(
                PromptMessage.system("You recommend products from the Northwind Outfitters catalogue.\n"
                        + "Recommend only products from the candidate list; each candidate starts with its id in square brackets.\n"
                        + "Rank the best fit first and put the ids in productReferences."),
                PromptMessage.user("Candidates:\n\n{{candidates}}\n\nQuestion: Which products suit {{need}}?"))));
    }

    /** Runs the scripted requests, printing to {@code out}. */
    static List<Outcome> run(ExampleModels models, Path workdir, PrintStream out) {
        out.println(models.banner());
        out.println("Loading the in-process embedding model (BGE small en v1.5, quantised)...");
        return run(models, new BgeSmallEnV15QuantizedEmbeddingModel(), workdir, out, REQUESTS);
    }

    /** Runs with a loaded embedding model (the banner is the caller's job). */
    static List<Outcome> run(ExampleModels models, EmbeddingModel embeddings, Path workdir, PrintStream out,
                             List<Request> requests) {
        Map<String, Product> catalogue = catalogue();
        Path indexDir = workdir.resolve("catalogue-index");
        out.printf("Catalogue: %d products; index at %s%n", catalogue.size(), indexDir.toAbsolutePath());
        try (LuceneIndex index = LuceneIndex.open(indexDir, embeddings)) {
            int[] lastTenth = {-1};
            IngestReport report = index.ingest(documents(catalogue), RecursiveChunker.builder().maxCharacters(2_000)
                    .build(), (done, total) -> {
                        int tenth = total == 0 ? 10 : done * 10 / total;
                        if (tenth != lastTenth[0]) {
                            lastTenth[0] = tenth;
                            out.printf("  embedding products: %d/%d%n", done, total);
                        }
                    });
            index.commit();
            out.printf("Catalogue index: %d products embedded, %d unchanged.%n", report.embedded(),
                    report.unchangedDocuments());
            LanguageModel model = LanguageModel.of(models.chatModel()).withRetries(3).withTimeout(Duration.ofSeconds(60));
            Retriever hybrid = index.hybrid().build();
            List<Outcome> outcomes = new ArrayList<>();
            for (Request r : requests) {
                Outcome o = recommend(r, hybrid, model, catalogue);
                outcomes.add(o);
                print(out, o);
            }
            return List.copyOf(outcomes);
        }
    }

    /** One request: filtered hybrid retrieval ▸ prompt ▸ model ▸ parse ▸ validation against the catalogue. */
    static Outcome recommend(Request request, Retriever retriever, LanguageModel model, Map<String, Product> catalogue) {
        Retriever filtered = q -> retriever.retrieve(q.toBuilder().filter(request.filter()).build());
        List<String> candidates = new ArrayList<>();
        Recommendation rec = Chain.of("recommender", Request.class)
                .retrieve(filtered, Request::need, CANDIDATES)
                .prompt(prompt(), r -> {
                    r.chunks().forEach(c -> candidates.add(c.chunk().documentId()));
                    return Map.of("need", r.input().need(), "candidates", candidateBlocks(r.chunks(), catalogue));
                })
                .call(model)
                .parse(Recommendation.class)
                .run(request);
        List<Product> ranked = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String ref : rec.productReferences()) {
            String id = ref.strip().replaceAll("^\\[|\\]$", "").strip().toUpperCase(Locale.ROOT);
            Product p = catalogue.get(id);
            if (p == null) {
                dropped.add(ref + " (not in the catalogue)");
            } else if (!request.accepts(p)) {
                dropped.add(ref + " (outside the filters)");
            } else if (ranked.stream().noneMatch(x -> x.id().equals(p.id()))) {
                ranked.add(p);
            }
        }
        return new Outcome(request, List.copyOf(candidates), List.copyOf(ranked), List.copyOf(dropped), rec.answer());
    }

    /** One line per candidate, starting with its id in square brackets, so the model can reference it. */
    static String candidateBlocks(List<ScoredChunk> chunks, Map<String, Product> catalogue) {
        return chunks.stream().map(c -> catalogue.get(c.chunk().documentId())).filter(Objects::nonNull)
                .map(p -> String.format(Locale.ROOT, "[%s] %s, %s %.2f, rated %.1f%s. %s", p.id(), p.name(),
                        p.currency(), p.price(), p.rating(), p.inStock() ? "" : " (out of stock)", p.description()))
                .collect(Collectors.joining("\n\n"));
    }

    /** Catalogue products as documents: text = name, description and tags; metadata = the typed fields. */
    static List<SourceDocument> documents(Map<String, Product> catalogue) {
        List<SourceDocument> docs = new ArrayList<>();
        for (Product p : catalogue.values()) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("name", p.name());
            meta.put("category", p.category());
            meta.put("subcategory", p.subcategory());
            meta.put("brand", p.brand());
            meta.put("price", p.price());
            meta.put("rating", p.rating());
            meta.put("in_stock", p.inStock());
            docs.add(new SourceDocument(p.id(), p.name() + ". " + p.description() + " Tags: "
                    + String.join(", ", p.tags()) + ".", meta));
        }
        return docs;
    }

    private static void print(PrintStream out, Outcome o) {
        Request r = o.request();
        out.printf("%nShopper wants %s (category %s, EUR %.0f-%.0f)%n", r.need(), r.category(), r.minPrice(),
                r.maxPrice());
        out.printf("  candidates %s%n", String.join(", ", o.candidates()));
        for (int i = 0; i < o.ranked().size(); i++) {
            Product p = o.ranked().get(i);
            out.printf(Locale.ROOT, "  %d. %s  %s  EUR %.2f  rated %.1f%n", i + 1, p.id(), p.name(), p.price(),
                    p.rating());
        }
        if (o.ranked().isEmpty()) {
            out.println("  (no valid recommendation)");
        }
        out.printf("  why        %s%n", o.answer());
        if (!o.dropped().isEmpty()) {
            out.printf("  DROPPED    %s%n", String.join("; ", o.dropped()));
        }
    }
}
