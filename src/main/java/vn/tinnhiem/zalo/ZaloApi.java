package vn.tinnhiem.zalo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The Zalo Bot Platform's HTTP API: every call is {@code POST BASE/bot<TOKEN>/<method>} with a
 * JSON body, answered {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code":N,
 * "description":"…"}}. The API saying no is a value ({@link Refused}), as is the network
 * failing ({@link Failed}); neither ever carries the token, which sits in every URL.
 */
public final class ZaloApi {
    /** What a call came to. */
    public sealed interface Result {
        boolean ok();
    }

    public record Ok(JsonElement result) implements Result {
        @Override
        public boolean ok() {
            return true;
        }
    }

    /** The API answered and said no; {@code retryAfter} in seconds when it gave one. */
    public record Refused(int code, String description, Integer retryAfter) implements Result {
        @Override
        public boolean ok() {
            return false;
        }

        /** getUpdates: nothing arrived within the timeout. */
        public boolean noUpdate() {
            return code == 408;
        }

        @Override
        public String toString() {
            return "[" + code + "] " + description;
        }
    }

    /** No usable answer: the network failed, or the answer was not the API's JSON. */
    public record Failed(String reason) implements Result {
        @Override
        public boolean ok() {
            return false;
        }
    }

    private final HttpClient http;
    private final String base;
    private final String token;

    /** @param baseUrl e.g. https://bot-api.zaloplatforms.com (ZALO_API_URL) */
    public ZaloApi(HttpClient http, String baseUrl, String token) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = Objects.requireNonNull(token, "token");
    }

    /** Makes the call; {@code timeout} bounds the whole exchange (a long poll's plus a margin). */
    public Result call(String method, JsonObject body, Duration timeout) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/bot" + token + "/" + method))
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return new Failed("not a usable URL: " + redact(base));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redact(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
        return parse(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
    }

    private Result parse(int status, String text, String retryAfterHeader) {
        JsonObject json;
        try {
            JsonElement e = JsonParser.parseString(text == null ? "" : text);
            json = e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            json = null;
        }
        if (json == null || !json.has("ok")) {
            // A proxy's error page, or nothing: 5xx and 429 are worth a retry, the rest is not the API.
            return status == 429 || status >= 500 ? new Refused(status, "HTTP " + status, seconds(retryAfterHeader))
                    : new Failed("HTTP " + status + " without the API's JSON");
        }
        if (json.get("ok").getAsBoolean()) {
            return new Ok(json.get("result"));
        }
        int code = json.has("error_code") && json.get("error_code").isJsonPrimitive()
                ? json.get("error_code").getAsInt() : status;
        String description = json.has("description") ? redact(json.get("description").getAsString()) : "";
        Integer retryAfter = seconds(retryAfterHeader);
        if (json.has("parameters") && json.getAsJsonObject("parameters").has("retry_after")) {
            retryAfter = json.getAsJsonObject("parameters").get("retry_after").getAsInt();
        }
        return new Refused(code, description, retryAfter);
    }

    private static Integer seconds(String header) {
        try {
            return header == null ? null : Integer.valueOf(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code text} without the token, for anything that may reach a log or an operator. */
    public String redact(String text) {
        return text == null ? null : text.replace(token, "<token>");
    }
}
