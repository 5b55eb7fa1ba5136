package vn.tinnhiem.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import vn.tinnhiem.config.RosterTemplate;
import vn.tinnhiem.config.SpreadsheetImport;

/**
 * {@code init}: writes a vote file from the organisers' spreadsheets (one workbook with the
 * leaders, roster and staff sheets, or one .xlsx/.csv file per table), checked as
 * {@code check-config} checks it; {@code init --template FILE} writes the workbook to fill in.
 * Nothing is written while any cell is wrong.
 */
public final class InitCommand implements Command {
    @Override
    public String name() {
        return "init";
    }

    @Override
    public String arguments() {
        return "(--from BOOK.xlsx | --leaders FILE --roster FILE --staff FILE) --id ID --title TITLE --unit UNIT"
                + " [--rulebook qd96-2023|nq85-2014] [--language vi|en] --out VOTE.json | --template FILE.xlsx"
                + " [--force]";
    }

    @Override
    public String summary() {
        return "Write a vote file from spreadsheets (.xlsx or .csv), or the template workbook to fill in";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("--from", "--leaders", "--roster", "--staff", "--id", "--title",
                "--unit", "--rulebook", "--language", "--out", "--template"), Set.of("--force"));
        if (o.error() != null) {
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        boolean force = o.has("--force");
        if (o.get("--template") != null) {
            return write(Path.of(o.get("--template")), RosterTemplate.render(), force, out, err);
        }
        List<Path> files;
        if (o.get("--from") != null && o.get("--leaders") == null && o.get("--roster") == null
                && o.get("--staff") == null) {
            files = List.of(Path.of(o.get("--from")));
        } else if (o.get("--from") == null && o.get("--leaders") != null && o.get("--roster") != null
                && o.get("--staff") != null) {
            files = List.of(Path.of(o.get("--leaders")), Path.of(o.get("--roster")), Path.of(o.get("--staff")));
        } else {
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        if (o.get("--id") == null || o.get("--title") == null || o.get("--unit") == null || o.get("--out") == null) {
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        Path target = Path.of(o.get("--out"));
        SpreadsheetImport.Result result = SpreadsheetImport.run(files, new SpreadsheetImport.Header(o.get("--id"),
                o.get("--title"), o.get("--unit"), o.get("--rulebook"), o.get("--language")), target);
        if (!result.errors().isEmpty()) {
            result.errors().forEach(err::println);
            err.println(name() + ": " + result.errors().size() + " error(s); nothing written");
            return FAILED;
        }
        return write(target, result.json().getBytes(StandardCharsets.UTF_8), force, out, err);
    }

    /**
     * Writes {@code bytes} to {@code target}, never over an existing file unless {@code force}: a vote
     * file written again from a re-sorted sheet numbers its leaders anew, and a vote already
     * opened would no longer match what it froze (issue 18, item 2).
     */
    private int write(Path target, byte[] bytes, boolean force, PrintStream out, PrintStream err) {
        if (Files.exists(target) && !force) {
            err.println(name() + ": " + target + " exists; nothing written. Pass --force to replace it (a vote"
                    + " already opened keeps the definition frozen at /open, and check-config reports the difference)");
            return FAILED;
        }
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.write(target, bytes);
            out.println(target);
            return OK;
        } catch (IOException e) {
            err.println(name() + ": cannot write " + target + ": " + e.getMessage());
            return FAILED;
        }
    }
}
