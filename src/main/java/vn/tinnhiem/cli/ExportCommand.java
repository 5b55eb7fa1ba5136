package vn.tinnhiem.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.export.ResultsExport;

/**
 * {@code export --config PATH --out DIR [--lang vi|en] [--vote ID]}: the results of a closed
 * vote, read from REDIS_URL, as ket-qua-VOTE.{json,csv,xlsx,png,pdf,docx} in DIR. A vote that has not
 * closed has no results (SPEC 3, Close), so it is refused and nothing is written.
 */
public final class ExportCommand implements Command {
    private final Map<String, String> env;

    public ExportCommand() {
        this(System.getenv());
    }

    ExportCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String arguments() {
        return "--config PATH --out DIR [--lang vi|en] [--vote ID]";
    }

    @Override
    public String summary() {
        return "Write a closed vote's results as JSON, XLSX, CSV, chart (PNG) and minutes (PDF, DOCX) (needs REDIS_URL)";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config PATH",
                        "The vote file (.json), or a folder of vote files"),
                new OptionHelp("--out DIR",
                        "The folder to write ket-qua-VOTE.* in (made if missing)"),
                new OptionHelp("--lang vi|en",
                        "The files' language (default: the vote's)"),
                new OptionHelp("--vote ID",
                        "Which vote, when --config holds several"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--out", "--lang", "--vote"));
        String config = options.get("--config");
        String dir = options.get("--out");
        String lang = options.get("--lang");
        if (options.error() != null || config == null || dir == null
                || (lang != null && !lang.equals("vi") && !lang.equals("en"))) {
            options.report(err);
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        if (Files.exists(Path.of(dir)) && !Files.isDirectory(Path.of(dir))) {
            err.println(name() + ": --out " + dir + " is a file; --out names the folder the six result files go in"
                    + " (made if missing), e.g. --out results");
            return USAGE;
        }
        List<VoteDefinition> votes = BotEnvironment.definitions(name(), config, err);
        if (votes == null) {
            return FAILED;
        }
        VoteDefinition vote = BotEnvironment.one(name(), config, votes, options.get("--vote"), err);
        if (vote == null) {
            return FAILED;
        }
        try (VoteStore store = new BotEnvironment(env).redisStore(name(), err)) {
            if (store == null) {
                return FAILED;
            }
            VoteState state = store.state(vote.id());
            if (state != VoteState.CLOSED) {
                err.println(name() + ": vote " + vote.id() + " is " + state + "; results exist only after it is closed");
                return FAILED;
            }
            // The results of what was voted on: the definition /open froze, whatever the file says now.
            store.frozen(vote.id()).map(f -> f.differences(vote)).filter(d -> !d.isEmpty()).ifPresent(d ->
                    err.println(name() + ": the file changed since /open: " + String.join("; ", d)
                            + ". The results below use the definition frozen at /open, not the file."));
            Results results = Results.of(vote, store);
            ResultsExport export = new ResultsExport(results, store.receipts(vote.id()), store.auditLog(vote.id()),
                    lang == null ? vote.language() : Locale.forLanguageTag(lang), Instant.now());
            Path outDir = Path.of(dir);
            Files.createDirectories(outDir);
            for (ResultsExport.Format format : ResultsExport.Format.values()) {
                Path file = outDir.resolve(export.fileName(format));
                Files.write(file, export.render(format));
                out.println(file);
            }
            return OK;
        } catch (IOException e) {
            err.println(name() + ": cannot write to " + dir + ": " + e.getMessage());
            return FAILED;
        }
    }
}
