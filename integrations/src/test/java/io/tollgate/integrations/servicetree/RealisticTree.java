package io.tollgate.integrations.servicetree;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic service tree document of a given size, streamed (never held): root {@code online}, product lines,
 * services, IDCs with one to four servers, monitored URLs, owners and attributes on every level, as a company's
 * bootstrap file would have them. 100,000 nodes make about 17 MB of JSON. Deterministic for a given size.
 *
 * <p>One service, {@code big-service} in the first product line, has {@code min(1000, nodes / 20)} IDCs; the rest are
 * spread about 50 per service over 80 services per product line.
 */
final class RealisticTree {

    static final int SERVICES_PER_LINE = 80;
    static final int IDCS_PER_SERVICE = 49;

    private static final List<String> REGIONS = List.of("bj", "sh", "gz", "sz", "hz", "cd", "wh", "xa", "tj", "nj",
            "fra", "sgp", "iad", "sfo");
    private static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
            "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor",
            "walter", "wang.lei", "li.na", "zhang.wei", "chen.jing", "liu.yang");
    private static final List<String> LANGUAGES = List.of("java", "go", "python", "cpp", "node");
    private static final BigDecimal[][] RATIOS = {
            {BigDecimal.ONE},
            {new BigDecimal("0.5"), new BigDecimal("0.5")},
            {new BigDecimal("0.4"), new BigDecimal("0.3"), new BigDecimal("0.3")},
            {new BigDecimal("0.25"), new BigDecimal("0.25"), new BigDecimal("0.25"), new BigDecimal("0.25")}};

    private final int total;
    private final int lines;
    private final int bigIdcs;
    private final Random random = new Random(13);
    private int written;

    /** What was written. */
    record Shape(int nodes, int lines, int services, int idcs, int servers) {
    }

    private int services;
    private int idcs;
    private int servers;

    private RealisticTree(int total) {
        if (total < 50) {
            throw new IllegalArgumentException("a realistic tree needs at least 50 nodes, not " + total);
        }
        this.total = total;
        this.bigIdcs = Math.min(1_000, total / 20);
        int rest = total - 1 - bigIdcs - 1;
        this.lines = Math.max(1, Math.min(25, rest / ((IDCS_PER_SERVICE + 1) * SERVICES_PER_LINE) + 1));
    }

    /** Writes a tree of exactly {@code nodes} nodes as JSON to {@code out} (left open). */
    static Shape write(int nodes, OutputStream out) throws IOException {
        RealisticTree tree = new RealisticTree(nodes);
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            tree.root(json);
        }
        if (tree.written != nodes) {
            throw new IllegalStateException("wrote " + tree.written + " nodes, not " + nodes);
        }
        return new Shape(tree.written, tree.lines, tree.services, tree.idcs, tree.servers);
    }

    private void root(JsonGenerator json) throws IOException {
        open(json, "online");
        owners(json, "group:sre", "user:alice");
        json.writeObjectFieldStart("attributes");
        json.writeStringField("company", "Example Inc.");
        json.writeStringField("oncall", "sre-oncall@example.com");
        json.writeEndObject();
        json.writeArrayFieldStart("children");
        // what is left after the root, the product lines, the big service and its IDCs
        int rest = total - 1 - lines - 1 - bigIdcs;
        int perService = IDCS_PER_SERVICE + 1;
        int serviceCount = Math.max(lines, (rest + perService - 1) / perService);
        int[] idcsOf = new int[serviceCount];
        int idcsLeft = rest - serviceCount;
        for (int s = 0; s < serviceCount; s++) {
            idcsOf[s] = idcsLeft / serviceCount + (s < idcsLeft % serviceCount ? 1 : 0);
        }
        int service = 0;
        for (int l = 0; l < lines; l++) {
            String line = "pl-" + String.format("%02d", l) + "-" + word(l);
            open(json, line);
            owners(json, "group:" + line + "-leads", "user:" + person());
            json.writeObjectFieldStart("attributes");
            json.writeStringField("cost-center", "cc-" + (1000 + l));
            json.writeStringField("department", word(l + 7) + " engineering");
            json.writeEndObject();
            json.writeArrayFieldStart("children");
            if (l == 0) {
                service(json, "big-service", bigIdcs);
            }
            int end = serviceCount * (l + 1) / lines;
            for (; service < end; service++) {
                service(json, line.substring(6) + "-svc-" + service, idcsOf[service]);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void service(JsonGenerator json, String name, int idcCount) throws IOException {
        services++;
        open(json, name);
        owners(json, "user:" + person(), "user:" + person());
        json.writeObjectFieldStart("attributes");
        json.writeStringField("tier", Integer.toString(1 + random.nextInt(3)));
        json.writeStringField("language", LANGUAGES.get(random.nextInt(LANGUAGES.size())));
        json.writeEndObject();
        json.writeArrayFieldStart("children");
        for (int i = 0; i < idcCount; i++) {
            idc(json, name, i);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void idc(JsonGenerator json, String service, int i) throws IOException {
        idcs++;
        String region = REGIONS.get(i % REGIONS.size());
        String name = region + "-" + (i / REGIONS.size() + 1);
        open(json, name);
        if (random.nextInt(4) == 0) {
            owners(json, "user:" + person());
        }
        json.writeObjectFieldStart("attributes");
        json.writeStringField("zone", region + "-" + (char) ('a' + random.nextInt(3)));
        json.writeEndObject();
        BigDecimal[] ratios = RATIOS[random.nextInt(10) < 6 ? 1 : random.nextInt(RATIOS.length)];
        json.writeArrayFieldStart("servers");
        for (int s = 0; s < ratios.length; s++) {
            servers++;
            json.writeStartObject();
            json.writeStringField("hostname", service + "-" + name + "-" + (s + 1));
            json.writeNumberField("trafficRatio", ratios[s]);
            if (random.nextInt(50) == 0) {
                json.writeBooleanField("offline", true);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        if (random.nextInt(4) == 0) {
            json.writeArrayFieldStart("urls");
            json.writeString("http://" + service + "." + region + ".example.net/health");
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private void open(JsonGenerator json, String name) throws IOException {
        written++;
        json.writeStartObject();
        json.writeStringField("name", name);
    }

    private static void owners(JsonGenerator json, String... owners) throws IOException {
        json.writeArrayFieldStart("owners");
        for (String owner : owners) {
            json.writeString(owner);
        }
        json.writeEndArray();
    }

    private String person() {
        return PEOPLE.get(random.nextInt(PEOPLE.size()));
    }

    private static String word(int i) {
        List<String> words = List.of("search", "ads", "maps", "pay", "mail", "video", "cloud", "store", "news",
                "music", "games", "travel", "health", "auto", "edu");
        return words.get(i % words.size());
    }
}
