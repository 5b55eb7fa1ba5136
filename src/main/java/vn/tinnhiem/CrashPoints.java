package vn.tinnhiem;

import java.util.concurrent.atomic.AtomicLong;

/**
 * <b>Test seam</b> for the crash tests: named places in the code where the process can be
 * made to die as if by {@code kill -9}, deterministically. Started with
 * {@code -Dtinnhiem.crash=NAME:N}, the process halts with status {@value #EXIT_STATUS} the
 * N-th time any thread reaches point {@code NAME} ({@code Runtime.halt}: no shutdown hooks,
 * no finally blocks, no flushing, which is what SIGKILL leaves behind). Without the property
 * {@link #reach} is a null check and nothing else; production never sets it.
 *
 * <p>The points, in the order an update meets them:
 * <ul>
 *   <li>{@value #UPDATE_RECEIVED}: the poller has an update and has not handled it yet.</li>
 *   <li>{@value #SUBMIT_STORED}: a submit is counted in Redis; nothing has been said yet.</li>
 *   <li>{@value #UPDATE_PROCESSED}: the update is handled and its replies queued; the
 *       offset is not saved (it is saved once per getUpdates batch, after its last update), so
 *       Telegram will deliver it again, with the rest of its batch.</li>
 *   <li>{@value #REPLY_BEFORE_SEND}: an outbox worker has taken a queued reply and is about
 *       to send it.</li>
 * </ul>
 */
public final class CrashPoints {
    public static final String PROPERTY = "tinnhiem.crash";
    /** 128 + 9, what a shell reports for a process killed by SIGKILL. */
    public static final int EXIT_STATUS = 137;

    public static final String UPDATE_RECEIVED = "update-received";
    public static final String SUBMIT_STORED = "submit-stored";
    public static final String UPDATE_PROCESSED = "update-processed";
    public static final String REPLY_BEFORE_SEND = "reply-before-send";

    private static final String ARMED;
    private static final long AT;
    private static final AtomicLong REACHED = new AtomicLong();

    static {
        String spec = System.getProperty(PROPERTY);
        String armed = null;
        long at = 0;
        if (spec != null && !spec.isBlank()) {
            int colon = spec.lastIndexOf(':');
            try {
                armed = colon < 0 ? spec.strip() : spec.substring(0, colon).strip();
                at = colon < 0 ? 1 : Long.parseLong(spec.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                armed = null;
            }
            if (armed == null || at < 1) {
                // Loud, because a crash test whose process never dies would only time out.
                System.err.println("Ignoring -D" + PROPERTY + "=" + spec + ": expected NAME:N with N >= 1");
                armed = null;
            }
        }
        ARMED = armed;
        AT = at;
    }

    private CrashPoints() {}

    /** Halts the JVM if this is the armed point and it has now been reached N times. */
    public static void reach(String name) {
        if (ARMED != null && ARMED.equals(name) && REACHED.incrementAndGet() == AT) {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
