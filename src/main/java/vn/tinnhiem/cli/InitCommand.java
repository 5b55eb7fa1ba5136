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
        return "(--from BOOK.xlsx | --leaders FILE --roster FILE --staff FILE [--committee FILE]) [--id ID] [--title TITLE]"
                + " [--unit UNIT] [--rulebook qd96-2023|nq85-2014] [--language vi|en] [--conference TEXT] [--place TEXT]"
                + " [--heading state|party] [--deadline 2026-12-01T17:00] --out VOTE.json | --template FILE.xlsx"
                + " [--force]";
    }

    @Override
    public String summary() {
        return "Write a vote file from spreadsheets (.xlsx or .csv), or the template workbook to fill in";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--from BOOK.xlsx",
                        "The filled-in template: one workbook with every table"),
                new OptionHelp("--leaders FILE",
                        "The leaders table (.xlsx or .csv), instead of --from"),
                new OptionHelp("--roster FILE",
                        "The participants table (.xlsx or .csv), instead of --from"),
                new OptionHelp("--staff FILE",
                        "The organisers and supervisors table (.xlsx or .csv), instead of --from"),
                new OptionHelp("--committee FILE",
                        "The counting committee table (.xlsx or .csv), optional"),
                new OptionHelp("--id ID",
                        "The vote's id (else the sheet Thông tin's)"),
                new OptionHelp("--title TITLE",
                        "The vote's title (else the sheet Thông tin's)"),
                new OptionHelp("--unit UNIT",
                        "The unit holding the vote"),
                new OptionHelp("--rulebook qd96-2023|nq85-2014",
                        "The regulation the verdicts follow"),
                new OptionHelp("--language vi|en",
                        "The language of the bot and the minutes"),
                new OptionHelp("--conference TEXT",
                        "The conference, for the minutes"),
                new OptionHelp("--place TEXT",
                        "The place in the minutes' date line"),
                new OptionHelp("--heading state|party",
                        "The minutes' heading: the State's or the Party's"),
                new OptionHelp("--deadline 2026-12-01T17:00",
                        "When voting closes by itself, Vietnam time"),
                new OptionHelp("--out VOTE.json",
                        "The vote file to write; nothing is written while a cell is wrong"),
                new OptionHelp("--template FILE.xlsx",
                        "Write the empty template workbook instead"),
                new OptionHelp("--force",
                        "Overwrite the file given to --out or --template if it exists"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("--from", "--leaders", "--roster", "--staff", "--id", "--title",
                "--unit", "--rulebook", "--language", "--out", "--template",
                "--committee", "--conference", "--place", "--heading", "--deadline"), Set.of("--force"));
        if (o.error() != null) {
            o.report(err);
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        boolean force = o.has("--force");
        if (o.get("--template") != null) {
            return write(Path.of(o.get("--template")), RosterTemplate.render(), force, out, err);
        }
        SpreadsheetImport.Sources files;
        if (o.get("--from") != null && o.get("--leaders") == null && o.get("--roster") == null
                && o.get("--staff") == null && o.get("--committee") == null) {
            files = SpreadsheetImport.Sources.book(Path.of(o.get("--from")));
        } else if (o.get("--from") == null && o.get("--leaders") != null && o.get("--roster") != null
                && o.get("--staff") != null) {
            // Each flag's file is that table, whatever the file or its sheet is called.
            files = SpreadsheetImport.Sources.files(Path.of(o.get("--leaders")), Path.of(o.get("--roster")),
                    Path.of(o.get("--staff")), o.get("--committee") == null ? null : Path.of(o.get("--committee")));
        } else {
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        // --id and --title may come from the workbook's sheet "Thông tin" instead.
        if (o.get("--out") == null) {
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        Path target = Path.of(o.get("--out"));
        SpreadsheetImport.Result result = SpreadsheetImport.run(files, new SpreadsheetImport.Header(o.get("--id"),
                o.get("--title"), o.get("--unit"), o.get("--rulebook"), o.get("--language"), o.get("--conference"),
                o.get("--place"), o.get("--heading"), o.get("--deadline")), target);
        result.warnings().forEach(w -> err.println(name() + ": warning: " + w));
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
