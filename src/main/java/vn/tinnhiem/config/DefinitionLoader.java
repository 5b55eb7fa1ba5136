package vn.tinnhiem.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vn.tinnhiem.core.VoteDefinition;

/**
 * Loads vote definitions from {@code config/}: one JSON file, or every {@code *.json} file
 * of a folder (not its subfolders), in file-name order.
 *
 * <p>SPEC 3: "The definition is validated when loaded: every error names the file, the
 * field and the reason, and nothing starts on an invalid definition." So every file is
 * checked in full and all problems are collected; if there is any, {@link ConfigException}
 * carries them all and no definition is returned, not even the valid ones.
 *
 * <p>The file format, field by field, is shown by {@code config/example-vote.json}.
 */
public final class DefinitionLoader {
    private DefinitionLoader() {}

    /** A definition and the file it came from. */
    public record Loaded(Path file, VoteDefinition definition) {}

    /** The definitions in a file or folder; see the class comment. */
    public static List<VoteDefinition> load(Path path) throws ConfigException {
        return loadWithSources(path).stream().map(Loaded::definition).toList();
    }

    /** As {@link #load}, keeping each definition's file (for messages to operators). */
    public static List<Loaded> loadWithSources(Path path) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        List<Loaded> loaded = new ArrayList<>();
        for (Path file : files(path, errors)) {
            String text = read(file, errors);
            if (text == null) {
                continue;
            }
            DefinitionParser.Parsed parsed = DefinitionParser.parse(file, text);
            errors.addAll(parsed.errors());
            if (parsed.definition() != null) {
                loaded.add(new Loaded(file, parsed.definition()));
            }
        }
        Map<String, Path> ids = new HashMap<>();
        for (Loaded l : loaded) {
            Path first = ids.putIfAbsent(l.definition().id(), l.file());
            if (first != null) {
                errors.add(new ConfigError(l.file(), "id", "vote id \"" + l.definition().id()
                        + "\" is already used by " + first + "; each vote needs its own id"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return List.copyOf(loaded);
    }

    /** Parses one definition from text; {@code file} is only used to name it in errors. */
    public static VoteDefinition parse(Path file, String json) throws ConfigException {
        DefinitionParser.Parsed parsed = DefinitionParser.parse(file, json);
        if (!parsed.errors().isEmpty()) {
            throw new ConfigException(parsed.errors());
        }
        return parsed.definition();
    }

    private static List<Path> files(Path path, List<ConfigError> errors) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            errors.add(new ConfigError(path, ConfigError.WHOLE_FILE, "no such file or folder"));
            return List.of();
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<Path> files = entries
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                errors.add(new ConfigError(path, ConfigError.WHOLE_FILE,
                        "the folder has no *.json vote definitions"));
            }
            return files;
        } catch (IOException e) {
            errors.add(new ConfigError(path, ConfigError.WHOLE_FILE, "cannot list the folder: " + e));
            return List.of();
        }
    }

    /** The file's text, or null after recording why it could not be read. */
    private static String read(Path file, List<ConfigError> errors) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // Windows editors may start a UTF-8 file with a byte-order mark; JSON forbids it.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            errors.add(new ConfigError(file, ConfigError.WHOLE_FILE,
                    "not valid UTF-8 text; save the file with the UTF-8 encoding"));
        } catch (IOException e) {
            errors.add(new ConfigError(file, ConfigError.WHOLE_FILE, "cannot read the file: " + e));
        }
        return null;
    }
}
