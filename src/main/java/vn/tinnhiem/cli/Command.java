package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of {@code java -jar tinnhiem.jar COMMAND ARGS}. To add one, implement
 * this and list it in {@link Main#commands()}.
 *
 * <p>{@link #run} returns when the command is done; a command that serves (the bot, the
 * sandbox) blocks until it stops. It writes to the streams it is given, never to
 * {@code System.out}, so tests can run it in-process.
 */
public interface Command {
    /** Exit code: success. */
    int OK = 0;
    /** Exit code: the command ran and failed, e.g. an invalid vote definition. */
    int FAILED = 1;
    /** Exit code: the command line itself was wrong. */
    int USAGE = 2;

    /** The word typed after the jar, e.g. {@code check-config}. */
    String name();

    /** The arguments as shown in usage lines, e.g. {@code PATH}; empty if none. */
    default String arguments() {
        return "";
    }

    /** One line for {@code help}. */
    String summary();

    /**
     * What {@code help NAME} and {@code NAME --help} list, in order: each option as typed
     * ({@code --config PATH}, a flag alone: {@code --in-memory}) or a parameter ({@code PATH}),
     * with one line on what it is for. Help only: {@link Options#parse} decides what is accepted.
     */
    default List<OptionHelp> optionHelp() {
        return List.of();
    }

    /** One line of {@link #optionHelp()}. */
    record OptionHelp(String usage, String description) {}

    /** Runs the command with the arguments after its name; returns the exit code. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
