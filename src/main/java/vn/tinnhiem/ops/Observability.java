package vn.tinnhiem.ops;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tinnhiem.core.chat.Inbound;

/**
 * The bot's telemetry: Prometheus metrics through Micrometer, one log line per update, and
 * the health check. {@code run} makes one per process and gives it to every adapter; the
 * store goes through {@link ObservedStore} so that updates learn their outcome.
 *
 * <p>Metrics (Prometheus names; {@code platform} is "telegram" or "zalo"; no label ever holds a
 * choice, a leader, a person, a chat or a user id):
 * <ul>
 *   <li>{@code tinnhiem_updates_total{platform,kind,outcome}}: updates handled; kind is press,
 *       text, command, start or contact; outcome e.g. accepted, submitted, refused_stale,
 *       checked_in, store_unavailable, handled (nothing more to say), failed (to be retried);</li>
 *   <li>{@code tinnhiem_presses_total{platform}}: button presses received;</li>
 *   <li>{@code tinnhiem_submits_total{platform}}: ballots counted;</li>
 *   <li>{@code tinnhiem_update_handling_seconds}, {@code tinnhiem_answer_latency_seconds} (update
 *       received → its answerCallbackQuery done) and {@code tinnhiem_screen_latency_seconds}
 *       (update received → the last message to the person's own chat that shows its effect
 *       sent): histograms with fixed buckets, so replicas can be summed;</li>
 *   <li>{@code tinnhiem_outbox_queue{platform}}: messages waiting to be sent;</li>
 *   <li>{@code tinnhiem_outgoing_429_total{platform}} and
 *       {@code tinnhiem_outgoing_retries_total{platform,cause="5xx"|"network"}};</li>
 *   <li>{@code tinnhiem_store_errors_total}: store calls that found Redis unreachable, overloaded
 *       or loading (the user was told to try again);</li>
 *   <li>the JVM's memory, threads, CPU and uptime.</li>
 * </ul>
 *
 * <p>The log line (logger {@value #UPDATE_LOGGER}, INFO) is key=value:
 * {@code platform=telegram vote=ltn-2026 kind=press action=rate outcome=accepted ms=4.2}.
 */
public final class Observability implements Telemetry, UpdateSpan.Sink, AutoCloseable {
    public static final String UPDATE_LOGGER = "tinnhiem.update";
    private static final Logger updates = LoggerFactory.getLogger(UPDATE_LOGGER);
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};
    static final Duration STORE_CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> votes;
    private final StoreCheck store;
    private final Counter storeErrors;
    private final Map<String, Receiving> receiving = new LinkedHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Meter> meters =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-check");
        t.setDaemon(true);
        return t;
    });

    /** Whether the store answers; throws when it does not. */
    @FunctionalInterface
    public interface StoreCheck {
        void check() throws Exception;
    }

    /**
     * @param votes the configured vote ids: the only ones a log line names
     * @param store a cheap read of the store (not through {@link ObservedStore}, so that the
     *              health check's own failures are not counted as the voters' store errors)
     */
    public Observability(Set<String> votes, StoreCheck store) {
        this.votes = Set.copyOf(votes);
        this.store = store;
        this.storeErrors = Counter.builder("tinnhiem.store.errors")
                .description("Store calls that found Redis unreachable, overloaded or loading").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private volatile java.util.function.Supplier<java.util.Optional<String>> degradation = java.util.Optional::empty;

    /**
     * Where {@code /health} learns that the store works, but less safely than configured (a
     * Redis Cluster master without a replica): status "degraded" (HTTP 200: the bot works).
     */
    public void degradedWhen(java.util.function.Supplier<java.util.Optional<String>> degradation) {
        this.degradation = java.util.Objects.requireNonNull(degradation, "degradation");
    }

    /** Counts a store error; give it to {@link ObservedStore#wrap}. */
    public void storeError() {
        storeErrors.increment();
    }

    // ---- Telemetry ----

    @Override
    public UpdateSpan received(Inbound in) {
        return new UpdateSpan(this, votes, in);
    }

    @Override
    public void tooManyRequests(String platform) {
        counter("429|" + platform, () -> Counter.builder("tinnhiem.outgoing.429")
                .description("Calls the platform answered 429 Too Many Requests").tag("platform", platform)).increment();
    }

    @Override
    public void retried(String platform, boolean network) {
        String cause = network ? "network" : "5xx";
        counter("retries|" + platform + "|" + cause, () -> Counter.builder("tinnhiem.outgoing.retries")
                .description("Calls made again after a 5xx answer or none").tag("platform", platform)
                .tag("cause", cause)).increment();
    }

    @Override
    public void cannotSendText(String platform) {
        counter("nottext|" + platform, () -> Counter.builder("tinnhiem.incoming.not.text")
                .description("Messages the platform withheld from the bot, with no chat to answer (accounts that "
                        + "cannot send text)").tag("platform", platform)).increment();
    }

    /** The latest monthly count of each platform. */
    private final Map<String, java.util.function.LongSupplier> monthly = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void monthlyMessages(String platform, java.util.function.LongSupplier count, long quota) {
        if (monthly.put(platform, count) == null) {
            Gauge.builder("tinnhiem.outgoing.month", () -> monthly.get(platform).getAsLong())
                    .description("Messages sent this calendar month (shared by replicas)").tag("platform", platform)
                    .register(registry);
            Gauge.builder("tinnhiem.outgoing.month.quota", () -> quota)
                    .description("The platform's monthly message quota, as configured").tag("platform", platform)
                    .register(registry);
        }
    }

    /** The latest outbox of each platform (a test may start a second bot on the same telemetry). */
    private final Map<String, IntSupplier> outboxes = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void outbox(String platform, IntSupplier length) {
        if (outboxes.put(platform, length) == null) {
            Gauge.builder("tinnhiem.outbox.queue", () -> outboxes.get(platform).getAsInt())
                    .description("Messages waiting in the outbox").tag("platform", platform).register(registry);
        }
    }

    @Override
    public synchronized void receiving(String adapter, Receiving check) {
        receiving.put(adapter, check);
    }

    @Override
    public void serve(Javalin app) {
        app.get("/health", this::health);
        app.get("/metrics", this::metrics);
    }

    // ---- UpdateSpan.Sink ----

    @Override
    public void handled(UpdateSpan span, long nanos) {
        String platform = span.platform();
        String outcome = span.outcome();
        String kind = span.kind();
        counter("updates|" + platform + "|" + kind + "|" + outcome, () -> Counter.builder("tinnhiem.updates")
                .description("Updates handled").tag("platform", platform).tag("kind", kind).tag("outcome", outcome))
                .increment();
        if (kind.equals("press")) {
            counter("presses|" + platform, () -> Counter.builder("tinnhiem.presses")
                    .description("Button presses received").tag("platform", platform)).increment();
        }
        if (span.ballotCounted()) {
            counter("submits|" + platform, () -> Counter.builder("tinnhiem.submits").description("Ballots counted")
                    .tag("platform", platform)).increment();
        }
        timer("tinnhiem.update.handling", "From taking an update to its replies queued", platform).record(nanos,
                TimeUnit.NANOSECONDS);
        if (updates.isInfoEnabled()) {
            updates.info("platform={} vote={} kind={} action={} outcome={} ms={}", platform, span.voteId(), span.kind(),
                    span.action(), outcome, String.format(Locale.ROOT, "%.1f", nanos / 1e6));
        }
    }

    @Override
    public void answered(UpdateSpan span, long nanos) {
        timer("tinnhiem.answer.latency", "From taking a press to its answer sent", span.platform())
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shown(UpdateSpan span, long nanos) {
        timer("tinnhiem.screen.latency", "From taking an update to the message showing its effect sent",
                span.platform()).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String name, String description, String platform) {
        return (Timer) meters.computeIfAbsent(name + "|" + platform, k -> Timer.builder(name).description(description)
                .tag("platform", platform).serviceLevelObjectives(BUCKETS).register(registry));
    }

    /**
     * The counter under {@code key} (its name and tags), registered once: building and
     * registering a meter for every update looked it up by its sorted tags each time, a few per
     * cent of the bot's CPU in a hall. Every tag value comes from a closed vocabulary, so the map
     * stays small.
     */
    private Counter counter(String key, java.util.function.Supplier<Counter.Builder> builder) {
        return (Counter) meters.computeIfAbsent(key, k -> builder.get().register(registry));
    }

    // ---- HTTP ----

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    private void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(scrape());
    }

    private void health(Context ctx) {
        Health h = health();
        ctx.header("Cache-Control", "no-store");
        ctx.status(h.healthy() ? 200 : 503).contentType("application/json").result(h.json());
    }

    /** The health report: {@code status} up, degraded or down, the failing parts named, each part's state. */
    public record Health(boolean healthy, String json) {}

    /**
     * Checks the store (a read, at most {@link #STORE_CHECK_TIMEOUT}) and every adapter's way of
     * receiving updates.
     */
    public Health health() {
        Map<String, String> parts = new LinkedHashMap<>();
        JsonArray failing = new JsonArray();
        String storeProblem = storeProblem();
        java.util.Optional<String> degraded = java.util.Optional.empty();
        if (storeProblem == null) {
            try {
                degraded = degradation.get();
            } catch (RuntimeException e) {
                degraded = java.util.Optional.of("replication unknown (" + e.getClass().getSimpleName() + ")");
            }
        }
        parts.put("redis", storeProblem != null ? storeProblem : degraded.map(d -> "degraded: " + d).orElse("up"));
        if (storeProblem != null) {
            failing.add("redis");
        }
        Map<String, Receiving> adapters;
        synchronized (this) {
            adapters = new LinkedHashMap<>(receiving);
        }
        adapters.forEach((name, check) -> {
            String problem = check.problem();
            parts.put(name, problem == null ? check.mode() : problem);
            if (problem != null) {
                failing.add(name);
            }
        });
        JsonObject body = new JsonObject();
        body.addProperty("status", !failing.isEmpty() ? "down" : degraded.isPresent() ? "degraded" : "up");
        if (!failing.isEmpty()) {
            body.add("failing", failing);
        }
        JsonObject checksJson = new JsonObject();
        parts.forEach(checksJson::addProperty);
        body.add("checks", checksJson);
        return new Health(failing.isEmpty(), body.toString());
    }

    /** Null when the store answered in time; else why not, without the exception's text (it may name hosts). */
    private String storeProblem() {
        Future<?> f = checks.submit(() -> {
            store.check();
            return null;
        });
        try {
            f.get(STORE_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            f.cancel(true);
            return "no answer within " + STORE_CHECK_TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "check interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "unreachable (" + cause.getClass().getSimpleName() + ")";
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
        registry.close();
    }
}
