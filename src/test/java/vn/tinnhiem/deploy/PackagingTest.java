package vn.tinnhiem.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.Yaml;
import vn.tinnhiem.ops.Observability;
import vn.tinnhiem.ops.OpsServer;

/**
 * The Dockerfile, compose.yaml and the systemd unit, checked without a Docker engine: what
 * they say must match the pom and SECURITY.md, and no secret may be written in them.
 */
class PackagingTest {
    /** A Telegram bot token, or a Redis URL with a literal password (not ${VAR} nor a <placeholder>). */
    private static final Pattern SECRET = Pattern.compile(
            "\\d{5,}:[A-Za-z0-9_-]{30,}|rediss?://[^$\\s@<]*:[^$\\s@<]+@");

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(read("compose.yaml"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> service) {
        return ((List<Object>) service.get("command")).stream().map(String::valueOf).toList();
    }

    /** The value after {@code flag} in a redis-server command line. */
    private static String flag(List<String> command, String flag) {
        int at = command.indexOf(flag);
        assertTrue(at >= 0 && at + 1 < command.size(), flag + " missing in " + command);
        return command.get(at + 1);
    }

    static String pomFinalName() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile()).getDocumentElement();
        return project.getElementsByTagName("finalName").item(0).getTextContent().strip();
    }

    @Test
    void composeRunsRedisAsSecurityMdRecommends() throws IOException {
        List<String> redis = command(service("redis"));

        assertEquals("redis-server", redis.get(0));
        assertEquals("yes", flag(redis, "--appendonly"));
        assertEquals("always", flag(redis, "--appendfsync"), "a confirmed ballot survives a power cut (SECURITY.md)");
        assertEquals("-1", flag(redis, "--slowlog-log-slower-than"));
        assertEquals("", flag(redis, "--save"), "no RDB snapshots");
        assertTrue(flag(redis, "--requirepass").startsWith("${REDIS_PASSWORD"), "the password comes from .env");
        assertFalse(service("redis").containsKey("ports"), "Redis is reachable by the bot only");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeBotReadsItsSecretsFromAnEnvFileThatIsNotCommitted() throws Exception {
        Map<String, Object> bot = service("bot");
        Map<String, Object> env = (Map<String, Object>) bot.get("environment");

        assertEquals(List.of(".env"), bot.get("env_file"));
        assertTrue(String.valueOf(env.get("REDIS_URL")).matches("redis://:\\$\\{REDIS_PASSWORD[^}]*}@redis:6379/0"),
                String.valueOf(env.get("REDIS_URL")));
        assertFalse(env.containsKey("TELEGRAM_BOT_TOKEN"), "the token is in .env, not in compose.yaml");
        assertTrue(read(".gitignore").lines().anyMatch(".env"::equals), ".env is git-ignored");
        assertTrue(read(".dockerignore").lines().anyMatch(".env"::equals), ".env never goes into an image");
        assertEquals(List.of("run", "--config", "/app/config"), command(bot).subList(0, 3));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunningConfigHoldsTheOperatorsVotesOnlyNeverTheExampleVote() throws Exception {
        // The bot runs every vote in its folder: the example beside the operator's vote starts two votes.
        List<String> mounts = ((List<Object>) service("bot").get("volumes")).stream().map(String::valueOf).toList();
        List<String> config = mounts.stream().filter(m -> m.split(":")[1].equals("/app/config")).toList();
        assertEquals(1, config.size(), mounts.toString());
        String host = config.get(0).split(":")[0];
        assertTrue(config.get(0).endsWith(":ro"), config.get(0));
        assertFalse(Files.exists(Path.of(host).resolve("example-vote.json")), host + " holds the example vote");
        assertNotEquals(Path.of("config").normalize(), Path.of(host).normalize(), "config/ holds the example vote");
        assertTrue(read(".dockerignore").lines().anyMatch((host.replaceFirst("^\\./", "") + "/")::equals),
                "the operator's votes (personal data) stay out of the build context");
        // The image copies no vote file into /app/config (the build stage may use config/ to build the jar).
        String dockerfile = read("Dockerfile");
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        assertFalse(Pattern.compile("(?m)^(COPY|ADD)\\s.*(config|\\.json)").matcher(runtime).find(),
                "the runtime stage copies a vote file");
        assertTrue(command(service("bot")).contains("/app/config"));
    }

    @Test
    void theEnvExampleNamesEveryTokenTheBotReads() throws IOException {
        List<String> lines = read("deploy/tinnhiem.env.example").lines().toList();
        for (String variable : List.of("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "REDIS_PASSWORD")) {
            assertTrue(lines.contains(variable + "="), variable + " is missing or not empty in the env example");
        }
        for (String variable : List.of("TELEGRAM_WEBHOOK_SECRET", "ZALO_WEBHOOK_SECRET", "REDIS_URL")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("#" + variable + "=")), variable);
        }
    }

    @Test
    void dockerComposeAcceptsTheFileWhereDockerIsInstalled() throws Exception {
        Path docker = Stream.of("/usr/bin/docker", "/usr/local/bin/docker").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(docker != null && run(docker, "compose", "version") == 0,
                "no docker compose here: the tests above check the flags");
        // In a copy, beside a throw-away .env: compose requires the env_file the operator writes.
        Path dir = Files.createTempDirectory("tinnhiem-compose-");
        Files.copy(Path.of("compose.yaml"), dir.resolve("compose.yaml"));
        Files.writeString(dir.resolve(".env"), "REDIS_PASSWORD=only-for-docker-compose-config\n");
        ProcessBuilder pb = new ProcessBuilder(docker.toString(), "compose", "config", "--quiet")
                .directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker compose config hangs");
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), said);
    }

    @Test
    void noSecretIsWrittenInAnyPackagingFile() throws IOException {
        for (String file : List.of("compose.yaml", "Dockerfile", "deploy/tinnhiem.service",
                "deploy/tinnhiem.env.example")) {
            Matcher m = SECRET.matcher(read(file));
            assertFalse(m.find(), file + " holds something secret-shaped: " + (m.hitEnd() ? "" : m.group()));
        }
        // The example env file names the variables and leaves every secret empty.
        for (String line : read("deploy/tinnhiem.env.example").lines().toList()) {
            if (line.matches("(TELEGRAM_BOT_TOKEN|ZALO_BOT_TOKEN|REDIS_PASSWORD|TELEGRAM_WEBHOOK_SECRET|ZALO_WEBHOOK_SECRET)=.*")) {
                assertTrue(line.endsWith("="), line);
            }
        }
    }

    @Test
    void secretPatternCatchesATokenAndAPasswordInAUrl() {
        assertTrue(SECRET.matcher("TELEGRAM_BOT_TOKEN=1234567890:AAH-abcdefghijklmnopqrstuvwxyz0123").find());
        assertTrue(SECRET.matcher("REDIS_URL: redis://:hunter2@redis:6379/0").find());
        assertFalse(SECRET.matcher("REDIS_URL: redis://:${REDIS_PASSWORD}@redis:6379/0").find());
        assertFalse(SECRET.matcher("#REDIS_URL=redis://:<password>@127.0.0.1:6379/0").find());
    }

    @Test
    void dockerfileBuildsWithMavenAndRunsTheJarOnAJre17AsANonRootUser() throws Exception {
        List<String> lines = read("Dockerfile").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<Integer> froms = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                froms.add(i);
            }
        }
        assertEquals(2, froms.size(), "a build stage and a runtime stage");
        assertTrue(lines.get(froms.get(0)).matches("FROM maven:\\S*temurin-17 AS build"), lines.get(froms.get(0)));
        assertTrue(lines.get(froms.get(1)).matches("FROM eclipse-temurin:17-jre\\S*"), lines.get(froms.get(1)));

        List<String> runtime = lines.subList(froms.get(1), lines.size());
        String jar = "/src/target/" + pomFinalName() + ".jar";
        assertTrue(runtime.contains("COPY --from=build " + jar + " /app/tinnhiem.jar"),
                "the runtime stage copies the jar the pom builds (" + jar + ")");
        List<String> users = runtime.stream().filter(l -> l.startsWith("USER ")).toList();
        assertEquals(1, users.size(), runtime.toString());
        String user = users.get(0).substring(5).split(":")[0].strip();
        assertNotEquals("root", user);
        assertNotEquals("0", user);
        int userAt = runtime.indexOf(users.get(0));
        assertTrue(runtime.subList(userAt, runtime.size()).stream().noneMatch(l -> l.startsWith("RUN ")),
                "nothing runs as root after USER");
        assertTrue(runtime.get(runtime.size() - 2).startsWith("ENTRYPOINT [\"java\"")
                && runtime.get(runtime.size() - 2).contains("\"/app/tinnhiem.jar\""), runtime.toString());
    }

    /** The HEALTHCHECK's command (exec form), continuation lines joined. */
    private static List<String> healthcheck() throws IOException {
        String dockerfile = read("Dockerfile").replace("\\\n", " ");
        Matcher m = Pattern.compile("(?m)^HEALTHCHECK .*?CMD (\\[.*])$").matcher(dockerfile);
        assertTrue(m.find(), "no HEALTHCHECK in the Dockerfile");
        List<String> command = new ArrayList<>();
        com.google.gson.JsonParser.parseString(m.group(1)).getAsJsonArray().forEach(e -> command.add(e.getAsString()));
        return command;
    }

    @Test
    void theImageHealthcheckProbesTheOpsPortThatTheImageAndComposeOpen() throws Exception {
        List<String> probe = healthcheck();
        assertEquals(List.of("bash", "-c"), probe.subList(0, 2), "bash's /dev/tcp: the JRE image has no curl");
        Matcher port = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)").matcher(probe.get(2));
        assertTrue(port.find(), probe.get(2));
        Matcher cmd = Pattern.compile("(?m)^CMD \\[.*\"--ops-port\", \"(\\d+)\"]$").matcher(read("Dockerfile"));
        assertTrue(cmd.find(), "the image's CMD opens the ops port");
        assertEquals(port.group(1), cmd.group(1));
        List<String> compose = command(service("bot"));
        assertEquals(port.group(1), compose.get(compose.indexOf("--ops-port") + 1), "compose's command opens it too");
    }

    @Test
    void theHealthcheckPassesOn200AndFailsOn503() throws Exception {
        List<String> probe = healthcheck();
        Path bash = Path.of("/bin/bash");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bash), "no bash here");
        boolean[] redisUp = {true};
        try (Observability ops = new Observability(java.util.Set.of(), () -> {
            if (!redisUp[0]) {
                throw new IllegalStateException("down");
            }
        }); OpsServer server = new OpsServer(ops, "127.0.0.1", 0)) {
            String script = probe.get(2).replaceFirst("/dev/tcp/127\\.0\\.0\\.1/\\d+",
                    "/dev/tcp/127.0.0.1/" + server.port());
            assertEquals(0, run(bash, script), "healthy: the check passes");
            redisUp[0] = false;
            assertEquals(1, run(bash, script), "503: the check fails");
        }
        assertTrue(run(bash, probe.get(2).replaceFirst("/\\d+ ", "/1 ")) != 0, "nothing listening: the check fails");
    }

    private static int run(Path program, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " hangs");
        return p.exitValue();
    }

    private static int run(Path bash, String script) throws Exception {
        Process p = new ProcessBuilder(bash.toString(), "-c", script).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the health check hangs");
        return p.exitValue();
    }

    @Test
    void systemdUnitRunsUnprivilegedWithHardeningAndAnEnvironmentFile() throws Exception {
        List<String> unit = read("deploy/tinnhiem.service").lines().map(String::strip).toList();
        for (String setting : List.of("User=tinnhiem", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ProtectHome=yes", "PrivateTmp=yes", "CapabilityBoundingSet=", "EnvironmentFile=/etc/tinnhiem/tinnhiem.env")) {
            assertTrue(unit.contains(setting), setting);
        }
        String jar = "-jar /opt/tinnhiem/" + pomFinalName() + ".jar run --config ";
        assertTrue(unit.stream().anyMatch(l -> l.startsWith("ExecStart=") && l.contains(jar)), unit.toString());

        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (Files.isExecutable(analyze)) {
            Process p = new ProcessBuilder(analyze.toString(), "verify", Path.of("deploy/tinnhiem.service")
                    .toAbsolutePath().toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify hangs");
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), said);
            assertFalse(said.contains("tinnhiem.service:"), "systemd-analyze complains: " + said);
        }
    }
}
