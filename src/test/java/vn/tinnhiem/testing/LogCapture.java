package vn.tinnhiem.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while it is open, from every thread, as the text a log file would hold:
 * level, logger, the formatted message, key-value pairs, MDC, and each throwable in the
 * chain with its message and stack frames. For tests that scan logs for what must never be
 * there (choices, tokens, passwords).
 *
 * <pre>
 *   try (LogCapture logs = LogCapture.start()) {
 *       ... exercise the code ...
 *       assertFalse(logs.text().contains(token));
 *   }
 * </pre>
 *
 * <p>{@link #start()} also lowers the root logger and the loggers of our code and of the
 * clients we use ({@code vn.tinnhiem}, {@code redis.clients}, {@code org.telegram}) to
 * DEBUG for the duration, so a test sees what an operator raising the log level would see,
 * whatever logback-test.xml says; the levels are put back on {@link #close()}.
 */
public final class LogCapture implements AutoCloseable {

    private static final List<String> LOWERED = List.of(Logger.ROOT_LOGGER_NAME, "vn.tinnhiem", "redis.clients",
            "org.telegram");

    private final List<ILoggingEvent> events = new ArrayList<>();
    private final Map<Logger, Level> previous = new LinkedHashMap<>();
    private final Logger root;
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            synchronized (LogCapture.this) {
                events.add(event);
            }
        }
    };

    private LogCapture(Level threshold) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.setName("log-capture");
        root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (String name : LOWERED) {
            Logger logger = context.getLogger(name);
            previous.put(logger, logger.getLevel());
            Level effective = logger.getEffectiveLevel();
            if (effective.toInt() > threshold.toInt()) {
                logger.setLevel(threshold);
            }
        }
        appender.start();
        root.addAppender(appender);
    }

    /** Captures everything at DEBUG and above until closed. */
    public static LogCapture start() {
        return new LogCapture(Level.DEBUG);
    }

    /** Captures everything at {@code threshold} and above until closed. */
    public static LogCapture start(Level threshold) {
        return new LogCapture(threshold);
    }

    /** The events so far, oldest first. */
    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Each event as the lines a log file would show for it (message, then any throwables). */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : events) {
            out.add(render(e));
        }
        return out;
    }

    /** Everything captured as one text. */
    public String text() {
        return String.join("\n", lines());
    }

    /** Number of events captured. */
    public synchronized int size() {
        return events.size();
    }

    static String render(ILoggingEvent e) {
        StringBuilder b = new StringBuilder()
                .append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" [").append(e.getThreadName())
                .append("] ").append(e.getFormattedMessage());
        if (e.getKeyValuePairs() != null) {
            e.getKeyValuePairs().forEach(kv -> b.append(' ').append(kv.key).append('=').append(kv.value));
        }
        if (e.getMDCPropertyMap() != null && !e.getMDCPropertyMap().isEmpty()) {
            b.append(' ').append(e.getMDCPropertyMap());
        }
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                b.append("\n\t").append(frame.getSTEAsString());
            }
            for (IThrowableProxy suppressed : t.getSuppressed()) {
                b.append("\nSuppressed: ").append(suppressed.getClassName()).append(": ")
                        .append(suppressed.getMessage());
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        previous.forEach(Logger::setLevel);
    }
}
