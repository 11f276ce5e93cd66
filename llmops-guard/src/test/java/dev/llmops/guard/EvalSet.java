package dev.llmops.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.Guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Loads a labelled span eval set from the test classpath and scores a guard on it. */
final class EvalSet {

    record Entity(String type, String value) {
    }

    record Case(String id, String text, List<Entity> entities) {
    }

    /** Counts per type, plus the ids of the cases that went wrong. */
    static final class Score {
        final Map<String, int[]> byType = new TreeMap<>(); // tp, fp, fn
        final List<String> errors = new ArrayList<>();

        int[] total() {
            int[] t = new int[3];
            byType.values().forEach(c -> {
                t[0] += c[0];
                t[1] += c[1];
                t[2] += c[2];
            });
            return t;
        }

        double precision() {
            int[] t = total();
            return t[0] + t[1] == 0 ? 1.0 : (double) t[0] / (t[0] + t[1]);
        }

        double recall() {
            int[] t = total();
            return t[0] + t[2] == 0 ? 1.0 : (double) t[0] / (t[0] + t[2]);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format("P=%.3f R=%.3f", precision(), recall()));
            byType.forEach((k, v) -> sb.append(String.format(" %s[tp=%d fp=%d fn=%d]", k, v[0], v[1], v[2])));
            return sb.toString();
        }
    }

    static List<Case> load(String resource, String listField) {
        ObjectMapper json = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        try (InputStream in = EvalSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                List<Entity> es = new ArrayList<>();
                for (JsonNode e : n.path(listField)) {
                    es.add(new Entity(e.get("type").asText(), e.get("value").asText()));
                }
                cases.add(new Case(n.get("id").asText(), n.get("text").asText(), es));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** A detection matches an expected entity when the types agree and the spans overlap. */
    static Score score(Guard guard, List<Case> cases) {
        Score s = new Score();
        for (Case c : cases) {
            List<Finding> found = new ArrayList<>(guard.check(c.text()).findings());
            List<int[]> expected = new ArrayList<>();
            int from = 0;
            for (Entity e : c.entities()) {
                int at = c.text().indexOf(e.value());
                if (at < 0) {
                    throw new IllegalStateException(c.id() + ": value not in text");
                }
                expected.add(new int[]{at, at + e.value().length()});
            }
            boolean bad = false;
            boolean[] used = new boolean[found.size()];
            for (int i = 0; i < c.entities().size(); i++) {
                Entity e = c.entities().get(i);
                int[] span = expected.get(i);
                boolean hit = false;
                for (int j = 0; j < found.size(); j++) {
                    Finding f = found.get(j);
                    if (!used[j] && f.type().equals(e.type()) && f.start() < span[1] && span[0] < f.end()) {
                        used[j] = true;
                        hit = true;
                        break;
                    }
                }
                s.byType.computeIfAbsent(e.type(), k -> new int[3])[hit ? 0 : 2]++;
                bad |= !hit;
            }
            for (int j = 0; j < found.size(); j++) {
                if (!used[j]) {
                    // a duplicate detection of an already-matched value is not a false positive
                    Finding f = found.get(j);
                    boolean dup = false;
                    for (int i = 0; i < expected.size(); i++) {
                        if (c.entities().get(i).type().equals(f.type()) && f.start() < expected.get(i)[1]
                                && expected.get(i)[0] < f.end()) {
                            dup = true;
                        }
                    }
                    if (!dup) {
                        s.byType.computeIfAbsent(f.type(), k -> new int[3])[1]++;
                        bad = true;
                    }
                }
            }
            if (bad) {
                s.errors.add(c.id() + " expected=" + c.entities() + " found=" + found + " text=" + c.text());
            }
        }
        return s;
    }

    private EvalSet() {
    }
}
