package dev.reactorstudio.runtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.manifest.ManifestProblem;
import dev.reactorstudio.runtime.manifest.ManifestValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutated manifests (seeded; ≥ 1,000 a run): every result is a valid manifest or a list of
 * problems, each with a message — never an exception, and never the validator's "bug in the
 * runtime" fallback, which would hide one.
 */
class ManifestFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestFuzzTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyMutatedManifestIsValidOrExplainedNeverACrash() throws Exception {
        FuzzRun run = FuzzRun.configured(20261203L, 1500);
        List<String> seeds = new ArrayList<>();
        for (String example : List.of("hello-pattern", "python-noise", "neural-cppn")) {
            seeds.add(Files.readString(REPO.resolve("examples").resolve(example).resolve("manifest.json")));
        }
        seeds.add("{\"reactor-runtime\":\"0.1.0\",\"class\":\"m.jar:com.acme.Model\",\"model_name\":\"acme\","
                + "\"model_version\":\"2.0.0-rc.1+build.5\",\"args\":{\"fps\":60,\"size\":[720,1280],\"nested\":{\"a\":[1,2,{\"b\":null}]}},"
                + "\"weights\":[\"Alpha\",\"beta-2\"]}");
        Path folder = REPO.resolve("examples/hello-pattern");
        int valid = 0;
        int explained = 0;
        long started = System.nanoTime();
        for (int i = 0; i < run.iterations(); i++) {
            Random random = run.caseRandom(i);
            String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
            ManifestCheck check;
            try {
                check = ManifestValidator.validate(text, folder);
            } catch (RuntimeException e) {
                throw new AssertionError(run.replay(i) + " threw for:\n" + text, e);
            }
            for (ManifestProblem problem : check.problems()) {
                assertThat(problem.message()).as("%s: %s", run.replay(i), text).isNotBlank()
                        .doesNotContain("a bug in the runtime");
            }
            if (check.ok()) {
                assertThat(check.manifest()).as(run.replay(i)).isPresent();
                assertThat(check.manifest().orElseThrow().modelName()).as(run.replay(i)).isNotBlank();
                valid++;
            } else {
                assertThat(check.errors()).as("%s: not ok but no error, for %s", run.replay(i), text).isNotEmpty();
                explained++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.warn("manifest fuzz: {} cases (seed {}): {} valid, {} with problems, 0 crashes, {} cases/s",
                run.iterations(), run.seed(), valid, explained, Math.round(run.iterations() / seconds));
        assertThat(valid).as("the mutations keep some manifests valid, or only the parser is exercised").isPositive();
        assertThat(explained).isPositive();
    }

    /** One to three mutations: most on the JSON tree (types, keys, values), some on the raw text. */
    private static String mutate(String seed, Random random) throws Exception {
        JsonNode tree = JSON.readTree(seed);
        int steps = 1 + random.nextInt(3);
        for (int s = 0; s < steps && tree != null; s++) {
            if (random.nextInt(4) > 0 && tree.isContainerNode()) {
                mutateTree(tree, random);
            } else {
                return mutateText(JSON.writeValueAsString(tree), random);
            }
        }
        return JSON.writeValueAsString(tree);
    }

    private static void mutateTree(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            int op = random.nextInt(4);
            if (keys.isEmpty() || op == 0) {
                object.set(randomKey(random, keys), randomValue(random, 2));
            } else {
                String key = keys.get(random.nextInt(keys.size()));
                switch (op) {
                    case 1 -> object.remove(key);
                    case 2 -> object.set(key, randomValue(random, 2));
                    default -> {
                        JsonNode value = object.remove(key);
                        object.set(typo(key, random), value);
                    }
                }
            }
        } else if (target instanceof ArrayNode array) {
            int op = random.nextInt(3);
            if (array.isEmpty() || op == 0) {
                array.add(randomValue(random, 2));
            } else if (op == 1) {
                array.remove(random.nextInt(array.size()));
            } else {
                array.set(random.nextInt(array.size()), randomValue(random, 2));
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    private static String randomKey(Random random, List<String> existing) {
        String[] known = {"reactor-runtime", "class", "model_name", "model_version", "args", "weights", "fps", "size",
                "palette", "speed", "", " ", "__proto__", "ünïcødé", "a".repeat(300)};
        return random.nextBoolean() || existing.isEmpty() ? known[random.nextInt(known.length)]
                : typo(existing.get(random.nextInt(existing.size())), random);
    }

    private static String typo(String key, Random random) {
        if (key.isEmpty()) {
            return "x";
        }
        int at = random.nextInt(key.length());
        return switch (random.nextInt(3)) {
            case 0 -> key.substring(0, at) + key.substring(at + 1);
            case 1 -> key.substring(0, at) + (char) ('a' + random.nextInt(26)) + key.substring(at);
            default -> key.toUpperCase(Locale.ROOT);
        };
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 16 : 13);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(random.nextDouble() * 1e6 - 5e5);
            case 5 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 6 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 7 -> NODES.textNode("");
            case 8 -> NODES.textNode(List.of("0.1.0", "1.0.0", "99.0.0", "1.0", "v1", "latest", "*", ">=0.1")
                    .get(random.nextInt(8)));
            case 9 -> NODES.textNode(List.of("model:Model", "a:b:c", ":X", "x.jar:", "Model", "../../etc:passwd",
                    "model_pattern:PatternModel").get(random.nextInt(7)));
            case 10 -> NODES.textNode("\u0000\u202e\uD83D\uDE00 \t\n" + (char) random.nextInt(0xD800));
            case 11 -> NODES.textNode("x".repeat(random.nextInt(10_000)));
            case 12 -> NODES.numberNode(-0.0);
            case 13 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
            case 14 -> NODES.arrayNode().add(random.nextInt(5000) - 100).add(random.nextInt(5000) - 100);
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomKey(random, List.of()), randomValue(random, depth - 1));
                }
                yield object;
            }
        };
    }

    private static String mutateText(String text, Random random) {
        if (text.isEmpty()) {
            return "\uFEFF";
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(8)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(5)));
            case 2 -> text.substring(0, at) + "{[\",:}]\\\u0000".charAt(random.nextInt(9)) + text.substring(at);
            case 3 -> "\uFEFF" + text;
            case 4 -> text.substring(0, at) + "/* comment */" + text.substring(at);
            case 5 -> text.replaceFirst("}$", ",}");
            case 6 -> text + text;
            default -> text.substring(0, at) + "\"" + "\\u".repeat(random.nextInt(3)) + text.substring(at);
        };
    }
}
