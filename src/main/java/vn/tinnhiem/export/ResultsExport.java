package vn.tinnhiem.export;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.chat.ResultsView;

/**
 * The results of a closed vote as files (SPEC 5): JSON and CSV for machines and spreadsheets,
 * a chart (PNG), and the minutes of the count (Biên bản kiểm phiếu, PDF). Labels come from
 * the message bundles in the chosen language; figures are the same in every language.
 */
public final class ResultsExport {
    /** Times in the minutes are Vietnam's, whatever the server's zone. */
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The files, with their media types. */
    public enum Format {
        JSON("json", "application/json; charset=utf-8"),
        CSV("csv", "text/csv; charset=utf-8"),
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        PNG("png", "image/png"),
        PDF("pdf", "application/pdf"),
        DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        private final String extension;
        private final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        public String extension() {
            return extension;
        }

        public String contentType() {
            return contentType;
        }

        public static Optional<Format> byExtension(String extension) {
            for (Format f : values()) {
                if (f.extension.equals(extension)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    private final Results results;
    private final List<String> receipts;
    private final List<AuditEntry> auditLog;
    private final Messages messages;
    private final Instant generatedAt;

    /**
     * @param receipts    the published receipt codes (no choices)
     * @param auditLog    the vote's audit log: the minutes quote its fingerprint and digest
     * @param language    Vietnamese unless English is asked for
     * @param generatedAt when the files are made (the minutes' date if the log has no close)
     */
    public ResultsExport(Results results, List<String> receipts, List<AuditEntry> auditLog, Locale language,
            Instant generatedAt) {
        this.results = Objects.requireNonNull(results, "results");
        this.receipts = List.copyOf(receipts);
        this.auditLog = List.copyOf(auditLog);
        this.messages = Messages.of(language).forVote(results.definition());
        this.generatedAt = Objects.requireNonNull(generatedAt, "generatedAt");
    }

    public byte[] render(Format format) {
        return switch (format) {
            case JSON -> json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case CSV -> csv();
            case XLSX -> xlsx();
            case PNG -> png();
            case PDF -> pdf();
            case DOCX -> MinutesDocx.render(this);
        };
    }

    public String json() {
        return JsonExport.render(this);
    }

    /** UTF-8 with a byte order mark, so Excel reads Vietnamese names correctly. */
    public byte[] csv() {
        return CsvExport.render(this);
    }

    /** An Excel workbook: numbers as numbers, shares as percentages, whatever the regional settings. */
    public byte[] xlsx() {
        return XlsxExport.render(this);
    }

    public byte[] png() {
        return ChartExport.render(this);
    }

    public byte[] pdf() {
        return MinutesPdf.render(this);
    }

    /** {@code ket-qua-<vote id>.<ext>}, with anything unsafe in a file name replaced. */
    public String fileName(Format format) {
        return "ket-qua-" + results.definition().id().replaceAll("[^A-Za-z0-9._-]", "_") + "." + format.extension();
    }

    public Results results() {
        return results;
    }

    public List<String> receipts() {
        return receipts;
    }

    Messages messages() {
        return messages;
    }

    Instant generatedAt() {
        return generatedAt;
    }

    /** The digest of these results, as {@code ResultsView.digest} records it at close. */
    public String digest() {
        return ResultsView.digest(results);
    }

    /** The results digest the audit log recorded at close, if it has one yet. */
    Optional<AuditEntry> recordedDigest() {
        return last("results");
    }

    /** The definition's fingerprint recorded when voting opened. */
    Optional<String> fingerprint() {
        return last("opened").map(e -> e.detail().replaceFirst("^sha256=", ""));
    }

    /** When voting closed, per the audit log; else when these files are made. */
    Instant closedAt() {
        return last("closed").map(AuditEntry::at).orElse(generatedAt);
    }

    private Optional<AuditEntry> last(String event) {
        AuditEntry found = null;
        for (AuditEntry e : auditLog) {
            if (e.event().equals(event)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * A spreadsheet's header row: the leader's columns, {@code perChoice} of each level's
     * name, then validity and verdict (the CSV and the XLSX differ only in the level columns).
     */
    List<String> header(java.util.function.Function<String, List<String>> perChoice) {
        List<String> header = new java.util.ArrayList<>(List.of(messages.get("export.csv.order"),
                messages.get("export.csv.id"), messages.get("export.csv.name"), messages.get("export.csv.position"),
                messages.get("export.csv.issued"), messages.get("export.csv.returned"),
                messages.get("export.csv.denominator")));
        for (vn.tinnhiem.core.Choice c : vn.tinnhiem.core.Choice.values()) {
            header.addAll(perChoice.apply(choiceName(c)));
        }
        header.addAll(List.of(messages.get("export.csv.valid"), messages.get("export.csv.invalid"),
                messages.get("export.csv.verdict.code"), messages.get("export.csv.verdict")));
        return header;
    }

    String denominatorText() {
        return messages.get(results.definition().rulebook().denominatorKey());
    }

    String rulebookName() {
        return messages.get(results.definition().rulebook().nameKey());
    }

    String verdictText(vn.tinnhiem.core.Verdict v) {
        return messages.get(results.definition().rulebook().verdictKey(v));
    }

    String choiceName(vn.tinnhiem.core.Choice c) {
        return messages.get("choice." + c.name().toLowerCase(Locale.ROOT));
    }
}
