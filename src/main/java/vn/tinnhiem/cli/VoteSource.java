package vn.tinnhiem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.tinnhiem.config.ConfigError;
import vn.tinnhiem.config.ConfigException;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.VoteDefinition;

/**
 * The one vote a rehearsal command runs: the file given with {@code --config}, else
 * {@code config/example-vote.json} in the working directory, else the copy of that example
 * packed into the jar, so the README's first command works from any directory.
 */
final class VoteSource {
    static final Path EXAMPLE = Path.of("config", "example-vote.json");
    private static final String BUNDLED = "/config/example-vote.json";

    private VoteSource() {}

    /** The vote, or null after explaining to {@code err} why there is none. */
    static VoteDefinition load(String configPath, PrintStream err) {
        return load(configPath, EXAMPLE, err);
    }

    /** As {@link #load(String, PrintStream)}, looking for the example at {@code example}. */
    static VoteDefinition load(String configPath, Path example, PrintStream err) {
        try {
            List<VoteDefinition> votes;
            if (configPath != null) {
                votes = DefinitionLoader.load(Path.of(configPath));
            } else if (Files.isRegularFile(example)) {
                votes = DefinitionLoader.load(example);
            } else {
                votes = List.of(bundled());
            }
            if (votes.size() != 1) {
                err.println(configPath + ": holds " + votes.size() + " votes; a rehearsal runs one, give its file");
                return null;
            }
            return votes.get(0);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error.message());
            }
            err.println("nothing started: fix the vote definition first");
            return null;
        }
    }

    private static VoteDefinition bundled() throws ConfigException {
        try (InputStream in = VoteSource.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + BUNDLED + "; rebuild it with mvn package");
            }
            return DefinitionLoader.parse(Path.of("(bundled) config/example-vote.json"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled example vote", e);
        }
    }
}
