package vn.tinnhiem.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.chat.ResultFiles;

/**
 * {@link ResultFiles} on top of {@link ResultsExport}: the minutes (PDF), the workbook (XLSX),
 * the CSV and the chart (PNG), in that order, for the chat. JSON stays a download: nobody reads it in a chat.
 *
 * <p>A file that fails to render is logged once and left out, so the text announcement and
 * the other files still go: the results must not wait on a chart.
 */
public final class ResultFilesExport implements ResultFiles {
    private static final Logger log = LoggerFactory.getLogger(ResultFilesExport.class);
    static final List<ResultsExport.Format> IN_CHAT =
            List.of(ResultsExport.Format.PDF, ResultsExport.Format.XLSX, ResultsExport.Format.CSV,
                    ResultsExport.Format.PNG);

    @Override
    public List<File> files(Results results, List<String> receipts, List<AuditEntry> audit, Locale language,
            Instant at) {
        ResultsExport export = new ResultsExport(results, receipts, audit, language, at);
        List<File> out = new ArrayList<>();
        for (ResultsExport.Format format : IN_CHAT) {
            try {
                out.add(new File(export.fileName(format), format.contentType(), export.render(format)));
            } catch (RuntimeException e) {
                log.error("Rendering the {} of vote {} failed; it is left out of the chat", format.extension(),
                        results.definition().id(), e);
            }
        }
        return out;
    }

    @Override
    public java.util.Optional<File> chart(Results results, Locale language) {
        ResultsExport export = new ResultsExport(results, List.of(), List.of(), language, Instant.now());
        try {
            return java.util.Optional.of(new File(export.fileName(ResultsExport.Format.PNG),
                    ResultsExport.Format.PNG.contentType(), export.png()));
        } catch (RuntimeException e) {
            log.error("Rendering the chart of vote {} failed; the announcement goes without it",
                    results.definition().id(), e);
            return java.util.Optional.empty();
        }
    }
}
