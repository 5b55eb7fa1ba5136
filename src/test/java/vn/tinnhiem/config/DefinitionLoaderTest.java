package vn.tinnhiem.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.core.VoteDefinition;

class DefinitionLoaderTest {
    static final Path EXAMPLE = Path.of("config", "example-vote.json");

    @TempDir
    Path dir;

    // ---- the example ----

    @Test
    void exampleLoads() throws Exception {
        List<VoteDefinition> votes = DefinitionLoader.load(EXAMPLE);

        assertEquals(1, votes.size());
        VoteDefinition v = votes.get(0);
        assertEquals("cthads-halam-2026", v.id());
        assertEquals(Rulebook.QD96_2023, v.rulebook());
        assertEquals("vi", v.language().getLanguage());
        assertEquals(List.of("Cục trưởng", "Phó Cục trưởng", "Phó Cục trưởng"),
                v.leaders().stream().map(l -> l.position()).toList());
        assertEquals(14, v.summoned());
        assertEquals(2, v.organisers().size());
        assertEquals(2, v.supervisors().size());
        assertNull(v.deadline());
        assertTrue(v.announceToParticipants());
    }

    @Test
    void exampleMixesEveryWayOfBeingRecognised() throws Exception {
        VoteDefinition v = DefinitionLoader.load(EXAMPLE).get(0);

        assertTrue(v.roster().stream().anyMatch(p -> RosterFields.telegramId(p) != null));
        assertTrue(v.roster().stream().anyMatch(p -> RosterFields.telegramUsername(p) != null
                && RosterFields.telegramId(p) == null));
        assertTrue(v.roster().stream().anyMatch(p -> RosterFields.phone(p) != null
                && RosterFields.telegramId(p) == null && RosterFields.telegramUsername(p) == null));
        assertTrue(v.roster().stream().anyMatch(p -> RosterFields.zaloId(p) != null));
        assertTrue(v.roster().stream().anyMatch(p -> p.identities().isEmpty()));
        assertEquals(RosterFields.telegramId(v.participant("p01").orElseThrow()),
                RosterFields.telegramId(v.organisers().get(0)), "organiser org1 is participant p01");
    }

    @Test
    void usernameLosesItsAtSignAndPhoneIsNormalised() throws Exception {
        VoteDefinition v = DefinitionLoader.load(EXAMPLE).get(0);

        assertEquals("buivankhai", RosterFields.telegramUsername(v.participant("p05").orElseThrow()));
        assertEquals("84900000108", RosterFields.phone(v.participant("p08").orElseThrow()));
        assertEquals("84900000109", RosterFields.phone(v.participant("p09").orElseThrow()));
    }

    // ---- hidden characters and phone forms (issue 11, item 6d) ----

    @Test
    void invisibleBidiAndControlCharactersAreRefusedWithFieldAndPosition() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o -> {
            person(o, "roster", 1).addProperty("name", "Lê\u200BVăn Hai");
            person(o, "roster", 2).addProperty("name", "\u202Eahn iàH");
            o.getAsJsonArray("leaders").get(0).getAsJsonObject().addProperty("fullName", "Trần\tVăn Thắng");
            person(o, "organisers", 0).addProperty("name", "Phạm Quốc\u2066 Hùng");
            o.addProperty("title", "Lấy phiếu\u00AD tín nhiệm");
        }));
        expect(errors, "roster[1].name", "U+200B (ZERO WIDTH SPACE) at position 3");
        expect(errors, "roster[2].name", "U+202E (RIGHT-TO-LEFT OVERRIDE) at position 1");
        expect(errors, "leaders[0].fullName", "U+0009");
        expect(errors, "leaders[0].fullName", "at position 5");
        expect(errors, "organisers[0].name", "U+2066 (LEFT-TO-RIGHT ISOLATE) at position 10");
        expect(errors, "title", "U+00AD (SOFT HYPHEN) at position 10");
        assertEquals(5, errors.size(), lines(errors));
        // Vietnamese in either normal form, and emoji, are plain text.
        assertNull(DefinitionParser.hidden("Nguyê\u0300n Thi\u0323 Hương 🗳"));
    }

    @Test
    void aPhoneWithTheTrunkZeroInBracketsIsTheNumberTelegramShares() throws Exception {
        for (String written : List.of("+84 (0) 900 000 102", "+84 (0)900-000-102", "0084 900 000 102",
                "+84 0900 000 102", "0900.000.102")) {
            // Without its telegramId: an entry pinned to an id is matched by the id only (issue 18).
            VoteDefinition v = DefinitionLoader.load(variant(o -> {
                person(o, "roster", 1).remove("telegramId");
                person(o, "roster", 1).addProperty("phone", written);
            })).get(0);
            assertEquals("84900000102", RosterFields.phone(v.participant("p02").orElseThrow()), written);
            // A contact shared from Telegram matches it, with or without the plus.
            var registry = new vn.tinnhiem.core.chat.VoteRegistry(List.of(v));
            assertEquals("p02", registry.rosterByPhone(v, "84900000102").orElseThrow().id(), written);
            assertEquals("p02", registry.rosterByPhone(v, "+84900000102").orElseThrow().id(), written);
        }
        expect(errorsOf(variant(o -> person(o, "roster", 1).addProperty("phone", "+84 (0) 9"))), "roster[1].phone",
                "is not a phone number");
    }

    // ---- many errors at once ----

    @Test
    void brokenCopyReportsEveryErrorWithFileFieldAndReason() throws Exception {
        Path file = write("broken.json", """
                {
                  "id": "Bad Vote:1",
                  "title": "  ",
                  "rulebook": "qd69-2023",
                  "language": "fr",
                  "deadline": "2026-12-01 17:00",
                  "announceToParticipants": "yes",
                  "leaders": [
                    { "id": "director", "fullName": "A", "position": "Cục trưởng" },
                    { "id": "director", "fullName": "", "postion": "x" }
                  ],
                  "rosters": [],
                  "roster": [
                    { "id": "p01", "name": "A", "telegramId": "abc" },
                    { "id": "p01", "name": "B", "telegramUsername": "ab" },
                    { "id": "p03", "name": "C", "phone": "12345", "telegramId": 5 },
                    { "id": "p04", "name": "D", "telegramId": "5" },
                    { "id": "p05", "name": "", "telegramId": -7, "zaloId": " " }
                  ],
                  "organisers": [ { "id": "org1", "name": "O", "phone": "0912345678" } ],
                  "supervisors": [ { "id": "sup1", "name": "S", "telegramId": 5 } ]
                }
                """);

        List<ConfigError> errors = errorsOf(file);

        expect(errors, "id", "not a valid id");
        expect(errors, "title", "must not be blank");
        expect(errors, "rulebook", "known rulebooks: qd96-2023, nq96-2023, nq85-2014");
        expect(errors, "language", "must be \"vi\" (Vietnamese) or \"en\"");
        expect(errors, "deadline", "ISO-8601");
        expect(errors, "announceToParticipants", "true or false");
        expect(errors, "leaders[1].id", "duplicate leader id");
        expect(errors, "leaders[1].fullName", "must not be blank");
        expect(errors, "leaders[1].position", "is required");
        expect(errors, "leaders[1].postion", "did you mean \"position\"");
        expect(errors, "rosters", "did you mean \"roster\"");
        expect(errors, "roster[0].telegramId", "not a Telegram numeric id");
        expect(errors, "roster[1].id", "duplicate person id \"p01\"");
        expect(errors, "roster[1].telegramUsername", "not a Telegram username");
        expect(errors, "roster[2].phone", "not a phone number");
        expect(errors, "roster[3].telegramId", "also on roster[2] (p03)");
        expect(errors, "roster[4].name", "must not be blank");
        expect(errors, "roster[4].telegramId", "positive");
        expect(errors, "roster[4].zaloId", "not a Zalo user id");
        expect(errors, "supervisors[0].telegramId", "supervisor never votes");
        assertEquals(20, errors.size(), () -> "unexpected extra errors:\n" + lines(errors));
        for (ConfigError e : errors) {
            assertEquals(file, e.file());
            assertEquals(file + ": " + e.field() + ": " + e.reason(), e.message());
        }
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws Exception {
        Path file = write("bad.json", "{\n  \"id\": \"x\",\n  \"title\": \"t\"\n  \"rulebook\": \"qd96-2023\"\n}");

        List<ConfigError> errors = errorsOf(file);

        assertEquals(1, errors.size());
        assertEquals(ConfigError.WHOLE_FILE, errors.get(0).field());
        assertTrue(errors.get(0).reason().matches("not valid JSON: .*\\(line \\d+, column \\d+.*"),
                errors.get(0).reason());
    }

    @Test
    void jsonSyntaxErrorsGiveAPlainReasonNotGsonAdvice() throws Exception {
        // Each file breaks JSON in a way organisers do when editing by hand.
        String[][] cases = {
                {"{\n  \"id\": \"x\",\n  \"title\": tru\n}", "unexpected 'tru'", "line 3, column 12"},
                {"{\n  \"id\": \"x\",\n  // note\n}", "JSON allows no comments", "line 3"},
                {"{\n  'id': \"x\"\n}", "single quotes", "line 2"},
                {"{\n  \"id\": \"x\",\n}", "a comma too many?", "line 3, column 2"},
                {"{\n  \"id\": \"x\"\n  \"title\": \"t\"\n}", "a comma or a closing } is missing", "line 3"},
        };
        for (String[] c : cases) {
            List<ConfigError> errors = errorsOf(write("syntax.json", c[0]));

            assertEquals(1, errors.size(), c[0]);
            String reason = errors.get(0).reason();
            assertFalse(reason.contains("LENIENT") || reason.contains("setStrictness") || reason.contains("JsonReader"),
                    reason);
            assertTrue(reason.contains(c[1]) && reason.contains(c[2]), reason);
        }
    }

    @Test
    void emptyFileIsAnError() throws Exception {
        List<ConfigError> errors = errorsOf(write("empty.json", "  \n"));

        expect(errors, ConfigError.WHOLE_FILE, "the file is empty");
    }

    @Test
    void rootThatIsNotAnObjectIsAnError() throws Exception {
        expect(errorsOf(write("list.json", "[]")), ConfigError.WHOLE_FILE, "must be a JSON object");
    }

    @Test
    void keyGivenTwiceIsAnErrorNotLastOneWins() throws Exception {
        Path file = write("twice.json", example().toString()
                .replace("\"title\":", "\"rulebook\":\"nq85-2014\",\"title\":"));

        expect(errorsOf(file), "rulebook", "given twice");
    }

    @Test
    void missingRequiredFieldsAreEachReported() throws Exception {
        List<ConfigError> errors = errorsOf(write("bare.json", "{}"));

        for (String field : List.of("id", "title", "rulebook", "leaders", "roster", "organisers")) {
            expect(errors, field, "is required");
        }
    }

    @Test
    void emptyLeadersRosterAndOrganisersAreErrors() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o -> {
            o.add("leaders", new JsonArray());
            o.add("roster", new JsonArray());
            o.add("organisers", new JsonArray());
        }));

        expect(errors, "leaders", "must not be empty");
        expect(errors, "roster", "must not be empty");
        expect(errors, "organisers", "must not be empty");
    }

    // ---- the minutes: conference, place, heading, committee (issue 8 item 4) ----

    @Test
    void theMinutesFieldsAreOptionalAndReadWhenGiven() throws Exception {
        assertEquals(vn.tinnhiem.core.MinutesSetting.NONE, DefinitionLoader.load(variant(o -> { })).get(0).minutes());
        VoteDefinition v = DefinitionLoader.load(variant(o -> {
            o.addProperty("conference", "Hội nghị cán bộ, công chức năm 2026");
            o.addProperty("place", "Hà Lam");
            o.addProperty("heading", "party");
            JsonArray committee = new JsonArray();
            JsonObject head = new JsonObject();
            head.addProperty("name", "Nguyễn Thị Hoa");
            head.addProperty("role", "Trưởng ban");
            committee.add(head);
            o.add("committee", committee);
        })).get(0);
        assertEquals(new vn.tinnhiem.core.MinutesSetting("Hội nghị cán bộ, công chức năm 2026", "Hà Lam",
                vn.tinnhiem.core.MinutesSetting.Heading.PARTY,
                List.of(new vn.tinnhiem.core.MinutesSetting.Member("Nguyễn Thị Hoa", "Trưởng ban"))), v.minutes());
    }

    @Test
    void aBadHeadingOrCommitteeMemberIsReportedWithItsField() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o -> {
            o.addProperty("heading", "ministry");
            o.addProperty("place", 5);
            JsonArray committee = new JsonArray();
            JsonObject noRole = new JsonObject();
            noRole.addProperty("name", "Nguyễn Thị Hoa");
            noRole.addProperty("rank", "Trưởng ban");
            committee.add(noRole);
            committee.add(new com.google.gson.JsonPrimitive("Lê Văn Tám"));
            o.add("committee", committee);
        }));
        expect(errors, "heading", "must be \"state\"");
        expect(errors, "place", "must be text in quotes");
        expect(errors, "committee[0].role", "is required");
        expect(errors, "committee[0].rank", "unknown");
        expect(errors, "committee[1]", "");
    }

    @Test
    void unknownNestedFieldIsAnError() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o ->
                o.getAsJsonArray("roster").get(2).getAsJsonObject().addProperty("telegram_id", 5)));

        expect(errors, "roster[2].telegram_id", "did you mean \"telegramId\"");
    }

    @Test
    void voteIdWithColonOrBraceOrSpaceIsRejected() throws Exception {
        for (String id : List.of("a:b", "a{b}", "a b", "-ab", "ABC", "a".repeat(33), "")) {
            List<ConfigError> errors = errorsOf(variant(o -> o.addProperty("id", id)));
            assertEquals(1, errors.size(), () -> id + " -> " + lines(errors));
            assertEquals("id", errors.get(0).field());
        }
    }

    @Test
    void voteIdOfThirtyTwoCharactersIsAccepted() throws Exception {
        String id = "a" + "-b".repeat(15) + "c";
        assertEquals(32, id.length());

        assertEquals(id, DefinitionLoader.load(variant(o -> o.addProperty("id", id))).get(0).id());
    }

    @Test
    void aHundredLeadersAreAccepted() throws Exception {
        VoteDefinition v = DefinitionLoader.load(variant(o -> o.add("leaders", leaders(100)))).get(0);

        assertEquals(100, v.leaderCount());
        assertEquals("Người được lấy phiếu số 100", v.leaders().get(99).fullName());
    }

    @Test
    void aHundredAndOneLeadersAreRefusedWithTheReasonInTheVotesLanguage() throws Exception {
        List<ConfigError> vi = errorsOf(variant(o -> o.add("leaders", leaders(101))));
        List<ConfigError> en = errorsOf(variant(o -> {
            o.add("leaders", leaders(101));
            o.addProperty("language", "en");
        }));

        assertEquals(1, vi.size(), () -> lines(vi));
        expect(vi, "leaders", "có 101 người được lấy phiếu; tối đa 100.");
        expect(vi, "leaders", "mỗi trang 10 dòng");
        expect(vi, "leaders", "tối đa 10 trang");
        expect(vi, "leaders", "4096 ký tự");
        assertEquals(1, en.size(), () -> lines(en));
        expect(en, "leaders", "has 101 leaders; at most 100.");
        expect(en, "leaders", "10 rows a page");
        expect(en, "leaders", "at most 10 pages");
        expect(en, "leaders", "4096 characters");
    }

    @Test
    void namesPositionsAndTitlesLongerThanTheScreensHoldAreRefused() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o -> {
            JsonObject l = o.getAsJsonArray("leaders").get(0).getAsJsonObject();
            l.addProperty("fullName", "Ư".repeat(81));
            l.addProperty("position", "Phó".repeat(51));
            o.addProperty("title", "T".repeat(201));
        }));

        assertEquals(3, errors.size(), () -> lines(errors));
        expect(errors, "leaders[0].fullName", "is 81 characters long; at most 80");
        expect(errors, "leaders[0].position", "is 153 characters long; at most 150");
        expect(errors, "title", "is 201 characters long; at most 200");
        VoteDefinition longest = DefinitionLoader.load(variant(o -> {
            JsonObject l = o.getAsJsonArray("leaders").get(0).getAsJsonObject();
            l.addProperty("fullName", "Ư".repeat(80));
            l.addProperty("position", "Ơ".repeat(150));
            o.addProperty("title", "T".repeat(200));
        })).get(0);
        assertEquals(80, longest.leaders().get(0).fullName().length());
    }

    private static JsonArray leaders(int n) {
        JsonArray leaders = new JsonArray();
        for (int i = 1; i <= n; i++) {
            JsonObject l = new JsonObject();
            l.addProperty("id", "l" + i);
            l.addProperty("fullName", "Người được lấy phiếu số " + i);
            l.addProperty("position", "Đại biểu");
            leaders.add(l);
        }
        return leaders;
    }

    @Test
    void telegramIdMayBeANumericString() throws Exception {
        VoteDefinition v = DefinitionLoader.load(variant(o ->
                person(o, "roster", 1).addProperty("telegramId", "100000002"))).get(0);

        assertEquals(100000002L, RosterFields.telegramId(v.participant("p02").orElseThrow()));
    }

    @Test
    void fractionalOrHugeTelegramIdIsRejected() throws Exception {
        for (String raw : List.of("1.5", "99999999999999999999", "0")) {
            List<ConfigError> errors = errorsOf(variant(o ->
                    person(o, "roster", 1).add("telegramId", JsonParser.parseString(raw))));
            expect(errors, "roster[1].telegramId", "not a Telegram numeric id");
        }
    }

    @Test
    void phoneGivenAsNumberIsRejectedBecauseItLosesTheLeadingZero() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o ->
                person(o, "roster", 6).addProperty("phone", 912345678)));

        expect(errors, "roster[6].phone", "as text in quotes");
    }

    @Test
    void sameParticipantTwiceByPhoneInAnotherFormatIsAnError() throws Exception {
        // p07 has "0900 000 107"; the same number written internationally.
        List<ConfigError> errors = errorsOf(variant(o ->
                person(o, "roster", 10).addProperty("phone", "+84-900-000-107")));

        expect(errors, "roster[10].phone", "also on roster[6] (p07)");
    }

    @Test
    void sameParticipantTwiceByUsernameIgnoresCase() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o ->
                person(o, "roster", 10).addProperty("telegramUsername", "@HoangLan_THADS")));

        expect(errors, "roster[10].telegramUsername", "also on roster[3] (p04)");
    }

    @Test
    void sameParticipantTwiceByZaloIdIsAnError() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o ->
                person(o, "roster", 11).addProperty("zaloId", "6ede9afa66b88fe6d110")));

        expect(errors, "roster[11].zaloId", "also on roster[9] (p10)");
    }

    @Test
    void zaloIdsAreOpaqueStringsAsThePlatformGivesThem() throws Exception {
        // The Zalo Bot Platform's own sample update: "from": {"id": "6ede9afa66b88fe6d6a9"}.
        VoteDefinition vote = DefinitionLoader.load(variant(o -> {
            person(o, "roster", 0).addProperty("zaloId", "6ede9afa66b88fe6d6a9");
            person(o, "roster", 1).addProperty("zaloId", "Ab_9-x");
        })).get(0);
        assertEquals("6ede9afa66b88fe6d6a9", vn.tinnhiem.config.RosterFields.zaloId(vote.roster().get(0)));
        assertEquals("Ab_9-x", vn.tinnhiem.config.RosterFields.zaloId(vote.roster().get(1)));
    }

    @Test
    void aZaloIdThatIsANumberOrHasOtherCharactersIsAnError() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o -> {
            person(o, "roster", 0).addProperty("zaloId", 8800000000000101L);
            person(o, "roster", 1).addProperty("zaloId", "6ede9afa/66b88fe6d6a9");
            person(o, "roster", 2).addProperty("zaloId", "a".repeat(65));
        }));

        expect(errors, "roster[0].zaloId", "a Zalo user id is text, write it in quotes");
        expect(errors, "roster[1].zaloId", "not a Zalo user id (letters, digits, _ and -, up to 64");
        expect(errors, "roster[2].zaloId", "not a Zalo user id");
    }

    @Test
    void personIdsAreUniqueAcrossRosterOrganisersAndSupervisors() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o -> {
            person(o, "organisers", 1).addProperty("id", "p02");
            person(o, "supervisors", 0).addProperty("id", "org1");
        }));

        expect(errors, "organisers[1].id", "already used by roster[1]");
        expect(errors, "supervisors[0].id", "already used by organisers[0]");
    }

    @Test
    void supervisorWhoIsAlsoAParticipantIsAnError() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o ->
                person(o, "supervisors", 1).addProperty("telegramUsername", "BuiVanKhai")));

        expect(errors, "supervisors[1].telegramUsername", "supervisor never votes");
    }

    @Test
    void supervisorWhoIsAlsoAnOrganiserIsAnError() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o ->
                person(o, "supervisors", 0).addProperty("telegramId", 100000021)));

        expect(errors, "supervisors[0].telegramId", "may not also be an organiser");
    }

    @Test
    void staffWithNoChatIdentityAreAllowedAndTakeTheRoleWithAStaffCode() throws Exception {
        VoteDefinition v = DefinitionLoader.load(variant(o -> {
            JsonObject org = person(o, "organisers", 1);
            org.remove("telegramId");
            org.remove("telegramUsername");
        })).get(0);

        assertTrue(v.organisers().get(1).identities().isEmpty(), "recognised by the staff code they type");
    }

    @Test
    void participantWithNoContactsIsAllowedAndUsesAnInviteCode() throws Exception {
        VoteDefinition v = DefinitionLoader.load(variant(o -> {
            JsonObject p = person(o, "roster", 0);
            p.remove("telegramId");
        })).get(0);

        assertTrue(v.participant("p01").orElseThrow().identities().isEmpty());
    }

    @Test
    void supervisorsMayBeLeftOut() throws Exception {
        VoteDefinition v = DefinitionLoader.load(variant(o -> o.remove("supervisors"))).get(0);

        assertTrue(v.supervisors().isEmpty());
    }

    @Test
    void deadlineWithOffsetParses() throws Exception {
        VoteDefinition v = DefinitionLoader.load(variant(o ->
                o.addProperty("deadline", "2026-12-01T17:00:00+07:00"))).get(0);

        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), v.deadline());
    }

    @Test
    void theDeadlinesOffsetIsTheVotesTimeZone() throws Exception {
        VoteDefinition hanoi = DefinitionLoader.load(variant(o ->
                o.addProperty("deadline", "2026-12-01T17:00:00+07:00"))).get(0);
        VoteDefinition elsewhere = DefinitionLoader.load(variant(o ->
                o.addProperty("deadline", "2026-12-01T18:00:00+08:00"))).get(0);
        VoteDefinition none = DefinitionLoader.load(variant(o -> o.remove("deadline"))).get(0);

        assertEquals(java.time.ZoneOffset.ofHours(7), hanoi.zone());
        assertEquals(java.time.ZoneOffset.ofHours(8), elsewhere.zone());
        assertEquals(hanoi.deadline(), elsewhere.deadline());
        assertEquals(VoteDefinition.VIETNAM, none.zone());
    }

    @Test
    void aFormOfAddressIsOptionalAndAWordOrTwo() throws Exception {
        assertNull(DefinitionLoader.load(EXAMPLE).get(0).address());
        assertEquals("đồng chí", DefinitionLoader.load(variant(o -> o.addProperty("address", "đồng chí"))).get(0)
                .address());
        assertEquals("anh/chị", DefinitionLoader.load(variant(o -> o.addProperty("address", " anh/chị "))).get(0)
                .address());
        for (String bad : new String[] {"", "đồng chí!", "{0}", "a".repeat(25), "1 người"}) {
            expect(errorsOf(variant(o -> o.addProperty("address", bad))), "address", "form of address");
        }
        expect(errorsOf(variant(o -> o.addProperty("address", 3))), "address", "must be text");
    }

    @Test
    void deadlineWithoutOffsetIsRejectedWithAHint() throws Exception {
        List<ConfigError> errors = errorsOf(variant(o ->
                o.addProperty("deadline", "2026-12-01T17:00:00")));

        expect(errors, "deadline", "+07:00 for Vietnam");
    }

    @Test
    void englishLanguageIsAccepted() throws Exception {
        VoteDefinition v = DefinitionLoader.load(variant(o -> o.addProperty("language", "en"))).get(0);

        assertEquals(Locale.ENGLISH.getLanguage(), v.language().getLanguage());
    }

    @Test
    void namesTypedWithCombiningAccentsAreStoredComposed() throws Exception {
        String decomposed = Normalizer.normalize("Trần Văn Thắng", Normalizer.Form.NFD);
        VoteDefinition v = DefinitionLoader.load(variant(o ->
                o.getAsJsonArray("leaders").get(0).getAsJsonObject().addProperty("fullName", decomposed)))
                .get(0);

        assertEquals("Trần Văn Thắng", v.leaders().get(0).fullName());
    }

    @Test
    void byteOrderMarkFromWindowsEditorsIsTolerated() throws Exception {
        Path file = write("bom.json", "\uFEFF" + example());

        assertEquals(1, DefinitionLoader.load(file).size());
    }

    @Test
    void invalidUtf8IsReportedNotGarbled() throws Exception {
        Path file = dir.resolve("latin1.json");
        Files.write(file, example().toString().getBytes(StandardCharsets.ISO_8859_1));

        expect(errorsOf(file), ConfigError.WHOLE_FILE, "UTF-8");
    }

    // ---- folders ----

    @Test
    void folderLoadsEveryJsonFileInNameOrder() throws Exception {
        write("b.json", variantText(o -> o.addProperty("id", "vote-b")));
        write("a.json", variantText(o -> o.addProperty("id", "vote-a")));
        write("notes.txt", "not a vote");

        List<DefinitionLoader.Loaded> loaded = DefinitionLoader.loadWithSources(dir);

        assertEquals(List.of("vote-a", "vote-b"),
                loaded.stream().map(l -> l.definition().id()).toList());
        assertEquals(dir.resolve("a.json"), loaded.get(0).file());
    }

    @Test
    void duplicateVoteIdAcrossFilesIsAnError() throws Exception {
        write("a.json", example().toString());
        Path second = write("b.json", example().toString());

        List<ConfigError> errors = errorsOf(dir);

        assertEquals(1, errors.size(), () -> lines(errors));
        assertEquals(second, errors.get(0).file());
        assertEquals("id", errors.get(0).field());
        assertTrue(errors.get(0).reason().contains(dir.resolve("a.json").toString()));
    }

    @Test
    void oneInvalidFileStopsTheWholeFolderAndEveryFileIsChecked() throws Exception {
        write("a.json", variantText(o -> o.addProperty("language", "fr")));
        write("b.json", variantText(o -> {
            o.addProperty("id", "vote-b");
            o.addProperty("rulebook", "nope");
        }));
        write("c.json", variantText(o -> o.addProperty("id", "vote-c")));

        List<ConfigError> errors = errorsOf(dir);

        assertEquals(List.of("a.json", "b.json"),
                errors.stream().map(e -> e.file().getFileName().toString()).toList());
    }

    @Test
    void emptyFolderIsAnError() throws Exception {
        expect(errorsOf(dir), ConfigError.WHOLE_FILE, "no *.json");
    }

    @Test
    void missingPathIsAnError() throws Exception {
        expect(errorsOf(dir.resolve("nowhere.json")), ConfigError.WHOLE_FILE, "no such file");
    }

    @Test
    void exceptionMessageListsEveryError() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> DefinitionLoader.load(write("bare.json", "{}")));

        for (ConfigError error : e.errors()) {
            assertTrue(e.getMessage().contains(error.message()), error.message());
        }
    }

    // ---- helpers ----

    static JsonObject example() throws IOException {
        return JsonParser.parseString(Files.readString(EXAMPLE)).getAsJsonObject();
    }

    private Path variant(Consumer<JsonObject> change) throws IOException {
        return write("variant.json", variantText(change));
    }

    private static String variantText(Consumer<JsonObject> change) throws IOException {
        JsonObject o = example();
        change.accept(o);
        return o.toString();
    }

    private static JsonObject person(JsonObject vote, String list, int index) {
        return vote.getAsJsonArray(list).get(index).getAsJsonObject();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<ConfigError> errorsOf(Path path) {
        try {
            List<VoteDefinition> loaded = DefinitionLoader.load(path);
            return fail("expected errors, loaded " + loaded.stream().map(VoteDefinition::id).toList());
        } catch (ConfigException e) {
            assertFalse(e.errors().isEmpty());
            return e.errors();
        }
    }

    private static void expect(List<ConfigError> errors, String field, String reasonPart) {
        assertTrue(errors.stream().anyMatch(e -> e.field().equals(field) && e.reason().contains(reasonPart)),
                () -> "no error on " + field + " containing '" + reasonPart + "' among:\n" + lines(errors));
    }

    private static String lines(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::message).collect(Collectors.joining("\n"));
    }
}
