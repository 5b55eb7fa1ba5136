package vn.tinnhiem.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code java -jar tinnhiem.jar COMMAND [ARGS]}. Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
public final class Main {
    private Main() {}

    /** Every subcommand, in the order {@code help} lists them. Add new commands here. */
    static List<Command> commands() {
        return List.of(
                new SandboxCommand(),
                new SimulateCommand(),
                new InitCommand(),
                new RunCommand(),
                new DeployCommand(),
                new InvitesCommand(),
                new SlipsCommand(),
                new ExportCommand(),
                new DisplayCommand(),
                new CheckConfigCommand());
    }

    public static void main(String[] args) {
        // Names are Vietnamese: do not depend on the platform's default console encoding.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int code = run(Arrays.asList(args), out, err);
        out.flush();
        err.flush();
        // On success let the JVM end by itself, so a command may leave server threads running.
        if (code != Command.OK) {
            System.exit(code);
        }
    }

    /** Runs the command line in-process and returns its exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<Command> commands = commands();
        if (args.isEmpty()) {
            usage(err, commands);
            return Command.USAGE;
        }
        String name = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            if (rest.isEmpty()) {
                usage(out, commands);
                return Command.OK;
            }
            Optional<Command> command = find(commands, rest.get(0));
            if (command.isEmpty()) {
                return unknown(rest.get(0), err, commands);
            }
            out.print(help(commands, command.get().name()));
            return Command.OK;
        }
        if (name.equals("--version") || name.equals("-V") || name.equals("version")) {
            out.println("tinnhiem " + version());
            return Command.OK;
        }
        Optional<Command> command = find(commands, name);
        if (command.isEmpty()) {
            return unknown(name, err, commands);
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(help(commands, command.get().name()));
            return Command.OK;
        }
        return command.get().run(List.copyOf(rest), out, err);
    }

    /**
     * The version Maven built, from {@code version.properties} (filtered from the pom), else
     * the jar manifest's Implementation-Version, else "unknown" (never an exception).
     */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/vn/tinnhiem/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String manifest = Main.class.getPackage().getImplementationVersion();
        return manifest == null ? "unknown" : manifest;
    }

    private static Optional<Command> find(List<Command> commands, String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static int unknown(String name, PrintStream err, List<Command> commands) {
        err.println("Unknown command: " + name);
        List<String> near = suggestions(name, commands);
        if (!near.isEmpty()) {
            err.println("Did you mean " + Options.oneOf(near) + "?");
        }
        err.println();
        usage(err, commands);
        return Command.USAGE;
    }

    /**
     * The commands as one picocli command line, each a subcommand described by its
     * {@link Command#optionHelp()}: what {@code help NAME} prints and what an unknown name is
     * compared with. Dispatch stays with {@link #run}: each command parses its own options
     * ({@link Options}).
     */
    static CommandLine commandLine(List<Command> commands) {
        CommandSpec root = CommandSpec.create().name("tinnhiem");
        root.parser().expandAtFiles(false);
        for (Command c : commands) {
            root.addSubcommand(c.name(), Options.helpSpec(c));
        }
        return new CommandLine(root);
    }

    /** {@code help NAME}, laid out by picocli. */
    static String help(List<Command> commands, String name) {
        return commandLine(commands).getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /**
     * The commands {@code name} was probably meant to be: picocli's suggestions for an unknown
     * subcommand, filtered and completed as {@link Options#suggestions} explains.
     */
    static List<String> suggestions(String name, List<Command> commands) {
        List<String> names = new ArrayList<>(commands.stream().map(Command::name).toList());
        names.addAll(List.of("help", "version", "--help", "--version"));
        List<String> picocli = List.of();
        try {
            commandLine(commands).parseArgs(name);
        } catch (CommandLine.UnmatchedArgumentException e) {
            picocli = e.getSuggestions();
        } catch (CommandLine.ParameterException e) {
            // an option-like word: nothing of picocli's to add
        }
        return Options.suggestions(name, picocli, names);
    }

    static String usageLine(Command c) {
        return "java -jar tinnhiem.jar " + c.name() + (c.arguments().isEmpty() ? "" : " " + c.arguments());
    }

    private static void usage(PrintStream s, List<Command> commands) {
        s.println("tinnhiem: secret confidence votes (lấy phiếu tín nhiệm) in chat apps");
        s.println();
        s.println("Usage: java -jar tinnhiem.jar COMMAND [ARGS]");
        s.println();
        s.println("Commands:");
        // Usage on one line, what it does on the next: the longest usage lines are wider than a
        // terminal, and padding every summary to them pushed the summaries off the screen.
        for (Command c : commands) {
            entry(s, left(c), c.summary());
        }
        entry(s, "help [COMMAND]", "Show this help, or one command's options (also: COMMAND --help)");
        entry(s, "--version", "Print the version");
        s.println();
        s.println("Exit codes: 0 done, 1 failed (e.g. an invalid vote definition), 2 wrong usage.");
    }

    private static void entry(PrintStream s, String usage, String summary) {
        s.println("  " + usage);
        s.println("      " + summary);
    }

    private static String left(Command c) {
        return c.name() + (c.arguments().isEmpty() ? "" : " " + c.arguments());
    }
}
