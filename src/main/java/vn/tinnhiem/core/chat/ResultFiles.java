package vn.tinnhiem.core.chat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import vn.tinnhiem.core.AuditEntry;
import vn.tinnhiem.core.Results;

/**
 * Port: the results of a closed vote as files, sent to organisers and supervisors after the
 * announcement (SPEC 5: "a chart image (PNG); CSV and JSON exports; the minutes ... as a
 * PDF"). The flow asks once per language at close, not once per recipient.
 */
public interface ResultFiles {
    /** No files: the announcement is text only. */
    ResultFiles NONE = (results, receipts, audit, language, at) -> List.of();

    /**
     * @param receipts the published receipt codes (no choices)
     * @param audit    the vote's audit log as it stands after the results digest is recorded
     * @param language the recipients' language
     * @param at       now (the minutes' date if the audit log has no close)
     */
    List<File> files(Results results, List<String> receipts, List<AuditEntry> audit, Locale language, Instant at);

    /** The results chart (PNG) to show with the announcement, if this port draws one. */
    default java.util.Optional<File> chart(Results results, Locale language) {
        return java.util.Optional.empty();
    }

    /** One file; the bytes are not copied, so callers must not change them. */
    record File(String name, String mediaType, byte[] content) {
        public File {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof File f && name.equals(f.name) && mediaType.equals(f.mediaType)
                    && java.util.Arrays.equals(content, f.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, mediaType, java.util.Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "File[" + name + ", " + mediaType + ", " + content.length + " bytes]";
        }

        Reply.Document to(String account) {
            return new Reply.Document(account, name, mediaType, content, null);
        }
    }
}
