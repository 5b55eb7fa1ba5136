package vn.tinnhiem.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.tinnhiem.CrashPoints;
import vn.tinnhiem.cli.RunCommand;

/**
 * {@code tinnhiem run} as a separate JVM on the test classpath, against a fake Bot API and a
 * test Redis: the only way to kill the bot for real ({@link #kill} is SIGKILL) while the
 * test process, the fake Telegram and Redis live on.
 */
public final class BotProcess implements AutoCloseable {
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        // A bot left behind by an aborted test run would poll a dead fake server forever.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "bot-process-stopper"));
    }

    private final Process process;
    private final Path log;

    private BotProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code run --config config}. {@code crash} arms a {@link CrashPoints} point
     * ("NAME:N"), or null. Output goes to {@code log}, appended across restarts.
     */
    static BotProcess start(String apiUrl, String redisUrl, Path config, String crash, boolean fastPacing,
            Path log) {
        return start(apiUrl, redisUrl, config, crash, fastPacing, log, List.of());
    }

    /** As above, with {@code extra} arguments after {@code run --config config}. */
    static BotProcess start(String apiUrl, String redisUrl, Path config, String crash, boolean fastPacing,
            Path log, List<String> extra) {
        return start(apiUrl, redisUrl, config, crash, fastPacing, log, extra, Map.of());
    }

    /** As above, with more environment (e.g. ZALO_BOT_TOKEN and ZALO_API_URL: Zalo too). */
    static BotProcess start(String apiUrl, String redisUrl, Path config, String crash, boolean fastPacing,
            Path log, List<String> extra, Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Start fast and stay small: two cores are shared with the test and the build.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx256m"));
        if (fastPacing) {
            command.add("-D" + RunCommand.PACING_PROPERTY + "=fast");
        }
        if (crash != null) {
            command.add("-D" + CrashPoints.PROPERTY + "=" + crash);
        }
        command.addAll(List.of("-cp", classpath(), "vn.tinnhiem.cli.Main", "run", "--config", config.toString()));
        command.addAll(extra);
        return launch(command, apiUrl, redisUrl, crash, log, extraEnv);
    }

    private static BotProcess launch(List<String> command, String apiUrl, String redisUrl, String crash, Path log,
            Map<String, String> extraEnv) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TELEGRAM_") || k.startsWith("ZALO_") || k.equals("REDIS_URL"));
        env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        env.put("TELEGRAM_API_URL", apiUrl);
        env.put("REDIS_URL", redisUrl);
        env.putAll(extraEnv);
        try {
            Files.writeString(log, "---- start" + (crash == null ? "" : ", crash at " + crash) + " ----\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process p = pb.start();
            RUNNING.add(p);
            p.onExit().thenRun(() -> RUNNING.remove(p));
            return new BotProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For benchmarks: {@code run --config config} with Telegram's own pacing, on the JVM options
     * given (e.g. a bigger heap and the full JIT), output to {@code log}.
     */
    public static BotProcess startForBenchmark(List<String> jvmOptions, String apiUrl, String redisUrl, Path config,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath(), "vn.tinnhiem.cli.Main", "run", "--config", config.toString()));
        return launch(command, apiUrl, redisUrl, null, log, Map.of());
    }

    /**
     * Surefire runs tests from a manifest-only jar; its property has the real classpath. Under
     * {@code exec:java} (the benchmarks) the project's classpath is the class loader's.
     */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null) {
            return surefire;
        }
        if (BotProcess.class.getClassLoader() instanceof java.net.URLClassLoader loader
                && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL u : loader.getURLs()) {
                try {
                    entries.add(Path.of(u.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** The operating system's view of the process (CPU time, pid). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status once it has ended, or null if it still runs after {@code timeout}. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL, and wait for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * The first match of {@code pattern} in what the bot printed, waiting up to a minute for it;
     * fails at once if the bot stops first.
     */
    java.util.regex.Matcher awaitPrinted(java.util.regex.Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    java.util.regex.Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            }
            if (!alive()) {
                throw new AssertionError("the bot stopped:\n" + tail());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing matching " + pattern + " printed:\n" + tail());
    }

    /** The last lines of the log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
