package vn.tinnhiem.telegram;

import java.io.Serializable;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.botapimethods.PartialBotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The library's client with its failures turned into values, and the two kinds kept apart:
 * the API said no ({@link Refused}: an error code, maybe a retry_after) or the request never
 * got an answer ({@link Failed}: the network, a timeout, an unreadable response). Only the
 * caller knows whether to retry; nothing here logs.
 *
 * <p>The token is part of every request URL, so any text taken from an exception goes
 * through {@link #redact} before it leaves this class.
 */
public final class BotApi {
    private static final Pattern TOKEN_IN_URL = Pattern.compile("bot\\d+:[A-Za-z0-9_-]+");

    private static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json; charset=utf-8");
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final TelegramClient client;
    private final String token;
    /** For JSON methods made on the calling thread; null: everything through {@code client}. */
    private final okhttp3.OkHttpClient http;
    private final String methodsUrl;

    public BotApi(TelegramClient client, String token) {
        this.client = client;
        this.token = token;
        this.http = null;
        this.methodsUrl = null;
    }

    /**
     * As {@link #BotApi(TelegramClient, String)}, but JSON methods (sends, edits, answers, the
     * long poll) are made on the calling thread with {@code http}, exactly as the library makes
     * them (the method's own JSON and {@code deserializeResponse}): the library's
     * {@code execute} hands each call to OkHttp's dispatcher thread and waits for it, a thread
     * switch there and back for every message. Files still go through {@code client}.
     *
     * @param baseUrl the Bot API's address, e.g. {@code https://api.telegram.org}
     */
    public BotApi(TelegramClient client, String token, okhttp3.OkHttpClient http, String baseUrl) {
        this.client = client;
        this.token = token;
        this.http = http;
        this.methodsUrl = (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "bot" + token + "/";
    }

    /** What a call came to. */
    public sealed interface Result<T> {
        default boolean ok() {
            return this instanceof Ok;
        }
    }

    public record Ok<T>(T value) implements Result<T> {}

    /**
     * Telegram answered with an error. {@code retryAfter} is the seconds to wait on 429, else
     * null. {@code code} is 0 for a request the library refused to send (validation).
     */
    public record Refused<T>(int code, String description, Integer retryAfter) implements Result<T> {
        public boolean notModified() {
            return code == 400 && description != null && description.contains("message is not modified");
        }
    }

    /** No answer from Telegram: network, timeout, unreadable response. {@code reason} is redacted. */
    public record Failed<T>(String reason) implements Result<T> {}

    public <T extends Serializable> Result<T> call(BotApiMethod<T> method) {
        if (http != null) {
            return direct(method);
        }
        try {
            return new Ok<>(client.execute(method));
        } catch (TelegramApiException e) {
            return classify(e);
        }
    }

    /** The library's JSON call, made on this thread (see the constructor). */
    private <T extends Serializable> Result<T> direct(BotApiMethod<T> method) {
        try {
            method.validate();
            okhttp3.Request request = new okhttp3.Request.Builder().url(methodsUrl + method.getMethod())
                    .post(okhttp3.RequestBody.create(MAPPER.writeValueAsString(method), JSON)).build();
            try (okhttp3.Response response = http.newCall(request).execute()) {
                okhttp3.ResponseBody body = response.body();
                if (body == null) {
                    return new Failed<>("Telegram api returned empty response");
                }
                return new Ok<>(method.deserializeResponse(body.string()));
            }
        } catch (TelegramApiException e) {
            return classify(e);
        } catch (java.io.IOException | RuntimeException e) {
            return new Failed<>(describe(e));
        }
    }

    /** A JSON method or a file upload, whichever {@code method} is. */
    @SuppressWarnings("unchecked")
    public Result<?> call(PartialBotApiMethod<?> method) {
        if (method instanceof SendDocument d) {
            return call(d);
        }
        if (method instanceof SendPhoto p) {
            return upload(p.getPhoto(), () -> client.execute(p));
        }
        if (method instanceof BotApiMethod<?> m) {
            return call((BotApiMethod<Serializable>) m);
        }
        throw new IllegalArgumentException("no call for " + method.getMethod());
    }

    /**
     * Uploads a file. The client reads the stream to its end, so an in-memory stream is
     * rewound first: a retry after 429 or a network failure sends the whole file again.
     */
    public Result<Message> call(SendDocument method) {
        return upload(method.getDocument(), () -> client.execute(method));
    }

    private interface Upload {
        Message execute() throws TelegramApiException;
    }

    private Result<Message> upload(org.telegram.telegrambots.meta.api.objects.InputFile file, Upload call) {
        java.io.InputStream stream = file == null ? null : file.getNewMediaStream();
        if (stream != null && stream.markSupported()) {
            try {
                stream.reset();
            } catch (java.io.IOException e) {
                return new Failed<>(describe(e));
            }
        }
        try {
            return new Ok<>(call.execute());
        } catch (TelegramApiException e) {
            return classify(e);
        }
    }

    public Result<Boolean> call(SetWebhook method) {
        try {
            return new Ok<>(client.execute(method));
        } catch (TelegramApiException e) {
            return classify(e);
        }
    }

    private <T> Result<T> classify(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() > 0) {
            Integer retryAfter = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
            return new Refused<>(r.getErrorCode(), redact(r.getApiResponse()), retryAfter);
        }
        if (e instanceof TelegramApiValidationException) {
            return new Refused<>(0, redact(e.getMessage()), null);
        }
        return new Failed<>(describe(e));
    }

    /** The chain of causes, class and message, without the token. */
    String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (b.length() > 0) {
                b.append(" <- ");
            }
            b.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
        }
        return redact(b.toString());
    }

    /** Removes the token from text that may contain a request URL. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String s = token.isEmpty() ? text : text.replace(token, "<token>");
        return TOKEN_IN_URL.matcher(s).replaceAll("bot<token>");
    }
}
