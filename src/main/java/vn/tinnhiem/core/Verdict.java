package vn.tinnhiem.core;

/**
 * What the rulebook says about one leader's LOW count.
 *
 * <p>QĐ 96-QĐ/TW, Article 13: "Cán bộ có trên 1/2 đến dưới 2/3 tổng số phiếu đánh giá tín
 * nhiệm thấp thì cơ quan có thẩm quyền xem xét, không đưa vào quy hoạch chức vụ cao hơn; xem
 * xét cho thôi giữ chức vụ, bố trí công tác khác, cho từ chức hoặc bỏ phiếu tín nhiệm. Cán bộ
 * có từ 2/3 trở lên tổng số phiếu đánh giá tín nhiệm thấp thì cơ quan có thẩm quyền cho thôi
 * giữ chức vụ, không chờ hết nhiệm kỳ."
 */
public enum Verdict {
    /** At most half LOW: no consequence under the rulebook. */
    NO_ACTION,
    /** More than 1/2 and less than 2/3 LOW: out of the plan for higher posts; may be relieved. */
    OVER_HALF_LOW,
    /** 2/3 or more LOW: dismissal without waiting for the end of the term. */
    TWO_THIRDS_LOW
}
