package vn.tinnhiem.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The voting core knows nothing of Telegram, Zalo, Redis, Gson or HTTP: it imports
 * {@code java.*} only (and itself), so every platform adapter and store can be swapped around it.
 */
class CoreIsPlatformNeutralTest {
    private static final Path CORE = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/java/vn/tinnhiem/core");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)");
    /** Fully-qualified use without an import, e.g. {@code com.google.gson.JsonObject x}. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(com\\.google|org\\.telegram|redis\\.clients|org\\.slf4j|ch\\.qos|javax|jakarta|okhttp3)\\.");

    @Test
    void coreImportsJavaOnly() throws IOException {
        List<Path> sources = sources();
        assertFalse(sources.isEmpty(), "no sources under " + CORE.toAbsolutePath()
                + ": the check would pass vacuously");

        List<String> offending = new ArrayList<>();
        for (Path file : sources) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher m = IMPORT.matcher(line);
                // The core may use itself (core.chat uses the domain), and nothing else of ours:
                // not the stores, the config loader or the adapters.
                boolean badImport = m.find() && !m.group(2).startsWith("java.")
                        && !m.group(2).startsWith("vn.tinnhiem.core.");
                String code = line.replaceAll("//.*", "");
                boolean comment = code.strip().startsWith("*") || code.strip().startsWith("/*");
                if (badImport || (!comment && QUALIFIED.matcher(code).find())) {
                    offending.add(CORE.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        assertTrue(offending.isEmpty(), "core/ must import java.* only:\n" + String.join("\n", offending));
    }

    private static List<Path> sources() throws IOException {
        if (!Files.isDirectory(CORE)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(CORE)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
