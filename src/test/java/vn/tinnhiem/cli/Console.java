package vn.tinnhiem.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code tinnhiem} commands in-process and keeps what they printed, as a terminal would. */
final class Console {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** {@code tinnhiem ARGS...}; the exit status. Output accumulates over runs. */
    int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), errors());
    }

    /** One command built by the test (e.g. with its own environment), with ARGS after its name. */
    int run(Command command, String... args) {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), errors());
    }

    /** The error stream, for code under test that prints to it directly. */
    PrintStream errors() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
