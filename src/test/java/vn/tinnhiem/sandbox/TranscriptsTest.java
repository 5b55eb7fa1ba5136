package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

/**
 * A whole vote, as a participant, an organiser and a supervisor see it in their chats, in
 * Vietnamese and in English, written to {@code docs/transcripts/} so a reviewer reads the bot's
 * words without running anything. The committed copy must match what the bot says now: run with
 * {@code -Dtranscripts.update=true} to rewrite it after changing a text (the lead does so after
 * merging branches that change texts).
 *
 * <p>The run is the sandbox's (the real flow, on an in-memory store, at a fixed time); only the
 * random receipt codes are replaced, in order of appearance, by fixed ones.
 */
class TranscriptsTest {
    private static final Path DIR = Path.of("docs", "transcripts");
    private static final Pattern RECEIPT = Pattern.compile("\\b[2-9A-Z]{5}-[2-9A-Z]{5}\\b");
    private static final Pattern LIST = Pattern.compile("[2-9A-Z]{5}-[2-9A-Z]{5}(, [2-9A-Z]{5}-[2-9A-Z]{5})+");
    private static final Pattern FILE_SIZE = Pattern.compile(" · \\d+ KB");

    @ParameterizedTest
    @ValueSource(strings = {"vi", "en"})
    void aWholeVoteReadsAsCommitted(String lang) throws Exception {
        String now = new Run(lang).play();
        Path file = DIR.resolve("vote-" + lang + ".md");
        if (Boolean.getBoolean("transcripts.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, now, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), file + " is missing: run  mvn test -Dtest=TranscriptsTest"
                + " -Dtranscripts.update=true  and commit it");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), now, file + " no longer matches what the bot says."
                + " If the change of text is intended, regenerate it with  mvn test -Dtest=TranscriptsTest"
                + " -Dtranscripts.update=true  and commit docs/transcripts/");
    }

    /** One scripted vote in the sandbox, recorded from three chats. */
    private static final class Run {
        private final String lang;
        private final boolean vi;
        private final Sandbox sandbox;
        private final String p1 = Sandbox.PLATFORM.key(Long.toString(Votes.participantTelegramId(1)));
        private final String org = Sandbox.PLATFORM.key(Long.toString(Votes.ORGANISER_ID));
        private final String sup = Sandbox.PLATFORM.key(Long.toString(Votes.SUPERVISOR_ID));
        private final Map<String, List<String>> lines = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> seen = new HashMap<>();
        private final Map<String, String> receipts = new HashMap<>();
        private final Random fakes = new Random(22);

        Run(String lang) {
            this.lang = lang;
            this.vi = lang.equals("vi");
            List<Person> roster = new ArrayList<>();
            String[] names = {"Phạm Minh Tuấn", "Đỗ Thị Hạnh", "Vũ Quốc Huy", "Hoàng Thị Lan", "Bùi Văn Nam",
                    "Đặng Thu Trang"};
            for (int i = 1; i <= names.length; i++) {
                roster.add(new Person(String.format("p%02d", i), names[i - 1],
                        RosterFields.identities(Votes.participantTelegramId(i), null, null, null)));
            }
            VoteDefinition vote = new VoteDefinition("ltn-2026", vi ? "Lấy phiếu tín nhiệm lãnh đạo Cục năm 2026"
                    : "Confidence vote on the Department's leaders, 2026", "Cục Thi hành án dân sự tỉnh Thử nghiệm",
                    Rulebook.QD96_2023, Locale.forLanguageTag(lang),
                    List.of(new Leader("director", "Nguyễn Văn An", "Cục trưởng"),
                            new Leader("deputy1", "Trần Thị Bình", "Phó Cục trưởng"),
                            new Leader("deputy2", "Lê Văn Cường", "Phó Cục trưởng")),
                    roster,
                    List.of(new Person("org1", "Ngô Thanh Tâm", RosterFields.identities(Votes.ORGANISER_ID, null, null,
                            null))),
                    List.of(new Person("sup1", "Trịnh Văn Khải", RosterFields.identities(Votes.SUPERVISOR_ID, null,
                            null, null))),
                    null, false);
            sandbox = new Sandbox(vote, new InMemoryVoteStore(),
                    Clock.fixed(Instant.parse("2026-11-27T02:30:00Z"), ZoneOffset.UTC));
            lines.put(p1, new ArrayList<>());
            lines.put(org, new ArrayList<>());
            lines.put(sup, new ArrayList<>());
        }

        String play() {
            say(sup, "/start");
            say(org, "/start");
            say(org, "/status");
            for (int i = 1; i <= 4; i++) {
                say(Sandbox.PLATFORM.key(Long.toString(Votes.participantTelegramId(i))), "/start");
            }
            say(p1, vi ? "Khi nào thì bỏ phiếu?" : "When do we vote?");
            say(org, "/open");
            press(p1, CallbackData.rate("ltn-2026", 0, vn.tinnhiem.core.Choice.HIGH));
            press(p1, CallbackData.rate("ltn-2026", 1, vn.tinnhiem.core.Choice.MEDIUM));
            press(p1, CallbackData.rate("ltn-2026", 2, vn.tinnhiem.core.Choice.LOW));
            press(p1, CallbackData.change("ltn-2026", 2));
            press(p1, CallbackData.rate("ltn-2026", 2, vn.tinnhiem.core.Choice.BLANK));
            press(p1, CallbackData.finish("ltn-2026"));
            press(p1, CallbackData.page("ltn-2026", 0));
            press(p1, CallbackData.finish("ltn-2026"));
            press(p1, CallbackData.submit("ltn-2026"));
            for (int i = 2; i <= 3; i++) {
                String p = Sandbox.PLATFORM.key(Long.toString(Votes.participantTelegramId(i)));
                for (int k = 0; k < 3; k++) {
                    press(p, CallbackData.rate("ltn-2026", k, vn.tinnhiem.core.Choice.values()[(i + k) % 3]));
                }
                press(p, CallbackData.finish("ltn-2026"));
                press(p, CallbackData.submit("ltn-2026"));
            }
            String p4 = Sandbox.PLATFORM.key(Long.toString(Votes.participantTelegramId(4)));
            press(p4, CallbackData.rate("ltn-2026", 0, vn.tinnhiem.core.Choice.HIGH));
            say(sup, "/status");
            say(org, "/remind");
            say(org, "/close");
            press(org, CallbackData.forceClose("ltn-2026"));
            say(p1, vi ? "Cảm ơn" : "Thank you");
            say(sup, "/audit");
            return render();
        }

        private void say(String who, String text) {
            log(who, (vi ? "**Gõ:** " : "**Types:** ") + text);
            sandbox.act(who, new Sandbox.Action.Say(text), lang);
            observe(List.of());
        }

        private void press(String who, String data) {
            Transcript.Message on = latestWith(who, data);
            String label = on.buttons().stream().flatMap(List::stream).filter(b -> b.data().equals(data))
                    .map(Keyboard.Button::label).findFirst().orElseThrow();
            log(who, (vi ? "**Bấm:** [" : "**Presses:** [") + label + "]");
            Sandbox.Outcome out = sandbox.act(who, new Sandbox.Action.Press(on.id(), data), lang);
            observe(List.of());
            for (String toast : out.toasts()) {
                log(who, (vi ? "_Thông báo ngắn:_ " : "_Notice:_ ") + codes(toast));
            }
        }

        private Transcript.Message latestWith(String who, String data) {
            List<Transcript.Message> messages = sandbox.messages(who);
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).buttons().stream().flatMap(List::stream).anyMatch(b -> b.data().equals(data))) {
                    return messages.get(i);
                }
            }
            throw new AssertionError("no button " + data + " in the chat of " + who);
        }

        /** New and edited bot messages in the three chats since the last look, in chat order. */
        private void observe(List<String> unused) {
            for (String who : lines.keySet()) {
                Map<String, String> before = seen.computeIfAbsent(who, k -> new HashMap<>());
                for (Transcript.Message m : sandbox.messages(who)) {
                    if (!m.fromBot()) {
                        continue;
                    }
                    String shown = shown(m);
                    String was = before.put(m.id(), shown);
                    if (was == null) {
                        log(who, (vi ? "🤖 _Tin nhắn mới:_" : "🤖 _New message:_") + "\n" + shown);
                    } else if (!was.equals(shown)) {
                        log(who, (vi ? "🤖 _Tin nhắn được sửa tại chỗ:_" : "🤖 _Message edited in place:_") + "\n" + shown);
                    }
                }
            }
        }

        private String shown(Transcript.Message m) {
            StringBuilder b = new StringBuilder();
            String text = m.image() != null ? (vi ? "[ảnh] " : "[image] ") + m.text() : m.text();
            for (String line : codes(FILE_SIZE.matcher(text).replaceAll("")).split("\n", -1)) {
                b.append("> ").append(line).append('\n');
            }
            for (List<Keyboard.Button> row : m.buttons()) {
                b.append(">\n> ");
                b.append(String.join("  ", row.stream().map(x -> "`[" + x.label() + "]`").toList())).append('\n');
            }
            return b.toString().stripTrailing();
        }

        /** Random receipt codes as fixed ones, the same code for the same receipt. */
        private String codes(String text) {
            Matcher m = RECEIPT.matcher(text);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, receipts.computeIfAbsent(m.group(), k -> fake()));
            }
            // The published list is in the store's order of random codes: sorted again once replaced.
            List<String> out = new ArrayList<>();
            for (String line : m.appendTail(b).toString().split("\n", -1)) {
                out.add(LIST.matcher(line).matches()
                        ? String.join(", ", java.util.Arrays.stream(line.split(", ")).sorted().toList()) : line);
            }
            return String.join("\n", out);
        }

        private String fake() {
            String alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                b.append(alphabet.charAt(fakes.nextInt(alphabet.length())));
                if (i == 4) {
                    b.append('-');
                }
            }
            return b.toString();
        }

        private void log(String who, String line) {
            if (lines.containsKey(who)) {
                lines.get(who).add(line);
            }
        }

        private String render() {
            StringBuilder b = new StringBuilder();
            b.append(vi ? "# Một cuộc lấy phiếu trọn vẹn, như trong trò chuyện (tiếng Việt)\n\n"
                    : "# A whole vote, as it reads in the chats (English)\n\n");
            b.append(vi ? "_Tệp do `TranscriptsTest` sinh ra từ phòng diễn tập (luồng thật, thời gian cố định);"
                    + " mã biên nhận ngẫu nhiên được thay bằng mã cố định. Sinh lại:"
                    + " `mvn test -Dtest=TranscriptsTest -Dtranscripts.update=true`._\n\n"
                    : "_Written by `TranscriptsTest` from the sandbox (the real flow, at a fixed time); random receipt"
                    + " codes are replaced by fixed ones. Regenerate:"
                    + " `mvn test -Dtest=TranscriptsTest -Dtranscripts.update=true`._\n\n");
            section(b, p1, vi ? "Người bỏ phiếu: Phạm Minh Tuấn" : "Participant: Phạm Minh Tuấn");
            section(b, org, vi ? "Ban tổ chức: Ngô Thanh Tâm" : "Organiser: Ngô Thanh Tâm");
            section(b, sup, vi ? "Người giám sát: Trịnh Văn Khải" : "Supervisor: Trịnh Văn Khải");
            return b.toString();
        }

        private void section(StringBuilder b, String who, String title) {
            b.append("## ").append(title).append("\n\n");
            for (String line : lines.get(who)) {
                b.append(line).append("\n\n");
            }
        }
    }
}
