package dev.llmops.rag.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Analyses user text into terms with their counts. The text is never parsed as query syntax: it
 * goes through the analyser exactly like indexed text. Internal: not part of the public API.
 */
public final class QueryTerms {

    private QueryTerms() {
    }

    /** Distinct analysed terms of {@code text} in first-seen order, with occurrence counts. */
    public static Map<String, Integer> analyse(Analyzer analyzer, String field, String text) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.merge(term.toString(), 1, Integer::sum);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing query text failed", e);
        }
        return terms;
    }
}
