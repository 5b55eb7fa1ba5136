package vn.tinnhiem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.PdfText;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.zalo.FakeZaloApi;
import vn.tinnhiem.zalo.ZaloBot;
import vn.tinnhiem.zalo.ZaloPacing;
import vn.tinnhiem.zalo.ZaloPlatform;

/**
 * A unit on Zalo alone (no Telegram bot): slips and staff slips name the Zalo account (its name
 * from getMe), an organiser takes the role on Zalo by typing a staff code, participants check
 * in by their invite codes, and the organiser opens and closes the vote from Zalo.
 */
class ZaloOnlyUnitTest {
    private static final String EXAMPLE = "config/example-vote.json";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern CODE = Pattern.compile("  (\\S+)\\t[^\\t]+\\t([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})"
            + "\\tZalo: " + FakeZaloApi.BOT_NAME);

    @TempDir
    Path dir;

    /**
     * The example vote as a unit on Zalo alone would write it: its staff have no Telegram id
     * (an entry pinned to a Telegram id gets no code, staff or participant), so they take their
     * roles with staff codes.
     */
    private String zaloOnlyVote() throws java.io.IOException {
        String json = java.nio.file.Files.readString(Path.of(EXAMPLE))
                .replaceAll("(\\{ \"id\": \"(?:org|sup)\\d\", \"name\": \"[^\"]+\")[^}]*}", "$1 }");
        Path file = dir.resolve("zalo-only.json");
        java.nio.file.Files.writeString(file, json);
        return file.toString();
    }

    private record Ran(int code, String out, String err) {}

    private static Ran run(Command c, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = c.run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Ran(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> codes(String out) {
        Map<String, String> m = new HashMap<>();
        out.lines().map(CODE::matcher).filter(Matcher::matches).forEach(x -> m.put(x.group(1), x.group(2)));
        return m;
    }

    @Test
    void slipsStaffSlipsAndAnOrganiserOnZaloWhoTakesTheRoleWithACode() throws Exception {
        RedisServer redis = RedisServer.shared();
        redis.flushAll();
        final String CONFIG = zaloOnlyVote();
        try (FakeZaloApi zl = new FakeZaloApi(Duration.ofMillis(300))) {
            Map<String, String> env = Map.of("REDIS_URL", redis.url(), "ZALO_BOT_TOKEN", FakeZaloApi.TOKEN,
                    "ZALO_API_URL", zl.url());
            Path slips = dir.resolve("slips.pdf");
            Ran printed = run(new SlipsCommand(env), "--config", CONFIG, "--out", slips.toString());
            assertEquals(Command.OK, printed.code(), printed.err());
            assertTrue(printed.out().contains("Zalo: no link to the bot"), printed.out());
            String text = PdfText.of(Files.readAllBytes(slips));
            assertTrue(text.contains("tìm tài khoản «" + FakeZaloApi.BOT_NAME + "»"), "the slip names the account: " + text);
            assertFalse(text.contains("t.me/"), "no Telegram bot, no Telegram line");

            Path staffSlips = dir.resolve("staff.pdf");
            Ran staffPrinted = run(new SlipsCommand(env), "--config", CONFIG, "--out", staffSlips.toString(), "--staff");
            assertEquals(Command.OK, staffPrinted.code(), staffPrinted.err());
            assertTrue(staffPrinted.out().contains("4 staff slip(s)"), staffPrinted.out());
            String staffText = PdfText.of(Files.readAllBytes(staffSlips));
            assertTrue(staffText.contains("PHIẾU NHẬN VAI TRÒ: BAN TỔ CHỨC") && staffText.contains("GIÁM SÁT")
                    && staffText.contains("Nguyễn Thị Phương"), staffText);

            Ran staff = run(new InvitesCommand(env), "--config", CONFIG, "--staff");
            assertEquals(Command.OK, staff.code(), staff.err());
            Map<String, String> staffCodes = codes(staff.out());
            assertEquals(java.util.Set.of("org1", "org2", "sup1", "sup2"), staffCodes.keySet(), staff.out());
            Map<String, String> invites = codes(run(new InvitesCommand(env), "--config", CONFIG).out());
            // p10 is pinned to her Zalo id: she checks in by it, with no code.
            assertEquals(java.util.Set.of("p11", "p12", "p14"), invites.keySet());

            VoteDefinition vote = DefinitionLoader.load(Path.of(CONFIG)).get(0);
            try (RedisVoteStore store = RedisVoteStore.fromUrl(redis.url(), Duration.ofHours(1))) {
                ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                        List.of(ZaloPlatform.PLATFORM));
                try (ZaloBot bot = ZaloBot.start(new ZaloBot.Settings(FakeZaloApi.TOKEN, zl.url(), Duration.ofSeconds(1),
                        Duration.ofMillis(200), ZaloPacing.fast(), Duration.ofMillis(200), null), flow)) {
                    String organiser = "8f3e2a1b0c9d8e7f6a5b"; // her Zalo id, which nobody could look up
                    zl.push(zl.text(organiser, "Phương", "/open"));
                    await(zl, organiser, "không có quyền");
                    zl.push(zl.text(organiser, "Phương", "/id"));
                    await(zl, organiser, "\"zaloId\": \"" + organiser + "\"");
                    zl.push(zl.text(organiser, "Phương", staffCodes.get("org2").toLowerCase()));
                    await(zl, organiser, "đã nhận vai trò ban tổ chức");

                    String[] voters = {"e4ea2cd5189df1c3a8a1", "e4ea2cd5189df1c3a8a2", "e4ea2cd5189df1c3a8a3"};
                    String[] people = {"p10", "p11", "p12"};
                    for (int i = 0; i < voters.length; i++) {
                        String id = people[i].equals("p10") ? "6ede9afa66b88fe6d110" : voters[i];
                        voters[i] = id;
                        zl.push(zl.text(id, "Người " + i, people[i].equals("p10") ? "/start" : invites.get(people[i])));
                        await(zl, id, "đã điểm danh");
                    }
                    zl.push(zl.text(organiser, "Phương", "/open force"));
                    await(zl, organiser, "Đã bắt đầu bỏ phiếu");
                    for (String id : voters) {
                        await(zl, id, "Mức: 1 – Tín nhiệm cao");
                        zl.push(zl.text(id, "x", "1 1 3"));
                        await(zl, id, "Xem lại phiếu");
                        zl.push(zl.text(id, "x", "gửi"));
                        await(zl, id, "Mã biên nhận");
                    }
                    zl.push(zl.text(organiser, "Phương", "/close"));
                    await(zl, organiser, "KẾT QUẢ");
                    assertEquals(VoteState.CLOSED, store.state(vote.id()));
                    assertEquals(3, store.voters(vote.id()).size());
                    assertEquals(new vn.tinnhiem.core.LeaderCounts(0, 0, 3, 0),
                            store.tally(vote.id(), vote.leaders().stream().map(l -> l.id()).toList()).counts().get(2));
                }
            }
        }
    }

    private static void await(FakeZaloApi zl, String chat, String needle) {
        zl.await("\"" + needle + "\" in " + chat, a -> a.sentTo(chat).stream().anyMatch(t -> t.contains(needle)), WAIT);
    }
}
