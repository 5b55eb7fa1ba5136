package vn.tinnhiem.ops;

import io.javalin.Javalin;
import java.util.function.IntSupplier;
import vn.tinnhiem.core.chat.Inbound;

/**
 * What the chat adapters report, and nothing about how it is kept: {@link Observability}
 * turns it into Prometheus metrics, a log line per update and {@code /health};
 * {@link #NONE} drops it (tests, the sandbox). Platforms are named in lower case
 * ("telegram", "zalo"); nothing reported here carries a person, a chat or a choice.
 */
public interface Telemetry {
    /**
     * An adapter starts handling an update: the span is the thread's current one until closed.
     * Use it in try-with-resources and call {@link UpdateSpan#handled()} when handling succeeded.
     */
    UpdateSpan received(Inbound in);

    /** The platform answered a call with 429 Too Many Requests. */
    void tooManyRequests(String platform);

    /** A call is made again after a 5xx answer ({@code network} false) or no answer at all. */
    void retried(String platform, boolean network);

    /** {@code length} tells how many messages wait in the platform's outbox (read at each scrape). */
    void outbox(String platform, IntSupplier length);

    /** An adapter's way of receiving updates, checked by {@code /health}. */
    void receiving(String adapter, Receiving check);

    /** Serves {@code GET /health} and {@code GET /metrics} on a server the adapter runs (a webhook). */
    void serve(Javalin app);

    /**
     * A message the bot cannot read arrived where there is no chat to answer (Zalo's
     * {@code message.unsupported.received} without a sender): counted, never answered.
     */
    default void cannotSendText(String platform) {}

    /**
     * {@code count} tells a platform's messages sent this calendar month, {@code quota} the
     * monthly quota configured for it (read at each scrape).
     */
    default void monthlyMessages(String platform, java.util.function.LongSupplier count, long quota) {}

    /** How an adapter receives updates, and whether it still does. */
    interface Receiving {
        /** Null while updates can arrive; otherwise what is wrong, in a few words (never a secret). */
        String problem();

        /** "polling" or "webhook". */
        String mode();

        static Receiving of(String mode, java.util.function.Supplier<String> problem) {
            return new Receiving() {
                @Override
                public String problem() {
                    return problem.get();
                }

                @Override
                public String mode() {
                    return mode;
                }
            };
        }
    }

    /** Reports nothing. */
    Telemetry NONE = new Telemetry() {
        @Override
        public UpdateSpan received(Inbound in) {
            return UpdateSpan.none(in);
        }

        @Override
        public void tooManyRequests(String platform) {}

        @Override
        public void retried(String platform, boolean network) {}

        @Override
        public void outbox(String platform, IntSupplier length) {}

        @Override
        public void receiving(String adapter, Receiving check) {}

        @Override
        public void serve(Javalin app) {}
    };
}
