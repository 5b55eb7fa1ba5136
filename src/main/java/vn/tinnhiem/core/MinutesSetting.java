package vn.tinnhiem.core;

import java.util.List;
import java.util.Objects;

/**
 * What the minutes of the count (Biên bản kiểm phiếu) need beyond the vote itself, all
 * optional: the conference's name, the place for the date line ("Hà Lam, ngày … tháng …
 * năm …"), which heading the document carries, and the counting committee, each member of
 * whom signs.
 *
 * @param conference the conference's name, e.g. "Hội nghị cán bộ, công chức năm 2026"; may be null
 * @param place      the place in the date line, e.g. "Hà Lam"; may be null
 */
public record MinutesSetting(String conference, String place, Heading heading, List<Member> committee) {
    public static final MinutesSetting NONE = new MinutesSetting(null, null, Heading.STATE, List.of());

    public MinutesSetting {
        heading = heading == null ? Heading.STATE : heading;
        committee = committee == null ? List.of() : List.copyOf(committee);
    }

    /**
     * The heading in the top right corner: a State agency carries the national name and motto
     * ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"); a Party committee
     * carries "ĐẢNG CỘNG SẢN VIỆT NAM" (Hướng dẫn 36-HD/VPTW on the format of Party documents).
     */
    public enum Heading {
        STATE("state"),
        PARTY("party");

        private final String id;

        Heading(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** A member of the counting committee (Ban kiểm phiếu), e.g. {"Nguyễn Văn A", "Trưởng ban"}. */
    public record Member(String name, String role) {
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }
}
