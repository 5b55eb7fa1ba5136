package vn.tinnhiem.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * "--name value" options and "--flag" switches of a command, parsed by picocli; anything else
 * is a usage error that names the argument and, for a near miss, the option meant
 * ("unknown option --form; did you mean --from?").
 *
 * <p>Why picocli's programmatic API rather than its annotations on each command: annotated
 * fields would move every option of every command into the class body at once, while several
 * changes to the same commands were under way on other branches (issue 19). So each command
 * still says what it accepts where it reads it, {@code Options.parse(args, Set.of(...),
 * Set.of(...))}, and this class builds a picocli {@link CommandSpec} from those sets; the help
 * text comes from {@link Command#optionHelp()}, a separate method, which {@link #helpSpec} turns
 * into picocli's model for {@link Main#commandLine} to lay out. Moving to annotations later
 * (issue 20's refactor) changes the commands, not this contract.
 */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final String error;

    private Options(Map<String, String> values, Set<String> flags, String error) {
        this.values.putAll(values);
        this.flags.addAll(flags);
        this.error = error;
    }

    static Options parse(List<String> args, Set<String> allowed) {
        return parse(args, allowed, Set.of());
    }

    static Options parse(List<String> args, Set<String> allowed, Set<String> allowedFlags) {
        CommandSpec spec = CommandSpec.create();
        // "@file" would read arguments from a file: a title such as "@hội nghị" must stay text.
        // An option given twice keeps its last value, as the hand-written parser did.
        spec.parser().expandAtFiles(false).overwrittenOptionsAllowed(true);
        for (String name : allowed) {
            spec.addOption(OptionSpec.builder(name).arity("1").type(String.class).build());
        }
        for (String name : allowedFlags) {
            spec.addOption(OptionSpec.builder(name).arity("0").type(boolean.class).build());
        }
        try {
            ParseResult result = new CommandLine(spec).parseArgs(args.toArray(String[]::new));
            Map<String, String> values = new HashMap<>();
            for (String name : allowed) {
                String value = result.matchedOptionValue(name, null);
                if (value != null) {
                    values.put(name, value);
                }
            }
            Set<String> flags = new HashSet<>();
            for (String name : allowedFlags) {
                if (result.hasMatchedOption(name)) {
                    flags.add(name);
                }
            }
            return new Options(values, flags, null);
        } catch (ParameterException e) {
            List<String> names = new ArrayList<>(allowed);
            names.addAll(allowedFlags);
            return new Options(Map.of(), Set.of(), message(e, names));
        }
    }

    private static String message(ParameterException e, List<String> names) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (!unmatched.isUnknownOption()) {
                return "unexpected argument " + arg + ": every value follows the name of its option";
            }
            List<String> near = suggestions(arg, unmatched.getSuggestions(), names);
            return "unknown option " + arg + (near.isEmpty() ? "" : "; did you mean " + oneOf(near) + "?");
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value";
        }
        return e.getMessage();
    }

    /** Prints why the command line is wrong, if it is; nothing if it is right. */
    void report(java.io.PrintStream err) {
        if (error != null) {
            err.println(error);
        }
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** Why the command line is wrong, or null. */
    String error() {
        return error;
    }

    String get(String name) {
        return values.get(name);
    }

    /** The option as a number in [min, max], or {@code fallback} if absent; null if malformed. */
    Integer intValue(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "--a, --b or --c" for one or more suggestions. */
    static String oneOf(List<String> suggestions) {
        int last = suggestions.size() - 1;
        return last == 0 ? suggestions.get(0)
                : String.join(", ", suggestions.subList(0, last)) + " or " + suggestions.get(last);
    }

    /**
     * At most three of {@code names} that {@code typed} was probably meant to be, closest first.
     * Picocli's own suggestions ({@link UnmatchedArgumentException#getSuggestions()}) are the
     * options sharing the first two letters, or for commands the names sharing letter pairs; the
     * first misses a swap ({@code --form} for {@code --from}) and the second offers unrelated
     * commands for any word ({@code frobnicate}: simulate, invites, init). So they are taken
     * with every other name, and only the near ones are kept: within a few edits (one per four
     * letters, at least two), or the start of the name ({@code --conf}).
     */
    static List<String> suggestions(String typed, List<String> picocli, Collection<String> names) {
        Set<String> candidates = new LinkedHashSet<>(picocli);
        candidates.addAll(names);
        String t = bare(typed);
        return candidates.stream()
                .filter(name -> near(t, bare(name)))
                .sorted(Comparator.comparingInt((String name) -> distance(t, bare(name))).thenComparing(name -> name))
                .limit(3)
                .toList();
    }

    private static boolean near(String typed, String name) {
        return distance(typed, name) <= Math.max(2, name.length() / 4)
                || typed.length() >= 3 && name.startsWith(typed);
    }

    private static String bare(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '-') {
            i++;
        }
        return name.substring(i).toLowerCase(Locale.ROOT);
    }

    /** Edits (insert, delete, replace, swap two neighbours) from a to b: optimal string alignment. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The command as picocli sees it for {@code help NAME}: the usage line, the summary and each
     * entry of {@link Command#optionHelp()} with its description.
     */
    static CommandSpec helpSpec(Command command) {
        CommandSpec spec = CommandSpec.create().name(command.name());
        // Shown as "--config PATH", the way the usage lines and the README write options.
        spec.parser().separator(" ");
        spec.usageMessage()
                .synopsisHeading("Usage: ")
                .customSynopsis(Main.usageLine(command))
                .descriptionHeading("%n")
                .description(command.summary())
                .sortOptions(false)
                .optionListHeading("%nOptions:%n")
                .parameterListHeading("%nParameters:%n")
                .longOptionsMaxWidth(32)
                .width(100);
        for (Command.OptionHelp line : command.optionHelp()) {
            String[] parts = line.usage().split(" ", 2);
            if (parts[0].startsWith("-")) {
                OptionSpec.Builder option = OptionSpec.builder(parts[0]).description(line.description());
                spec.addOption(parts.length == 2
                        ? option.paramLabel(parts[1]).arity("1").type(String.class).build()
                        : option.arity("0").type(boolean.class).build());
            } else {
                spec.addPositional(PositionalParamSpec.builder().paramLabel(line.usage())
                        .description(line.description()).type(String.class).build());
            }
        }
        return spec;
    }
}
