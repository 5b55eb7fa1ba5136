package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

/**
 * The sandbox's HTTP API answers only its own page on this machine (issue 11, item 3): a
 * foreign Host (DNS rebinding) is refused, and so is a request that changes something without
 * a same-origin Origin and a JSON content type (a cross-site form or text/plain fetch). Raw
 * HTTP over a socket, so the test sets Host and Origin exactly as an attacker's browser would.
 */
class SandboxRequestGuardTest {
    private static final String P1 = "sb:" + Votes.participantTelegramId(1);
    private static final String CHECK_IN = "{\"person\":\"" + P1 + "\",\"type\":\"say\",\"text\":\"/start\"}";

    private SandboxServer server;
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = new Sandbox(Votes.reference("v1", 3), new InMemoryVoteStore(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC));
        server = SandboxServer.start(sandbox, 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String local() {
        return "localhost:" + server.port();
    }

    /** Sends one request as written and returns the status code. */
    private int request(String method, String path, String host, String origin, String contentType, String body)
            throws IOException {
        StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        r.append("Host: ").append(host).append("\r\nConnection: close\r\n");
        if (origin != null) {
            r.append("Origin: ").append(origin).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            r.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            r.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        r.append("\r\n");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(r.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private boolean checkedIn() {
        return sandbox.checkedIn(sandbox.persona(P1).orElseThrow());
    }

    @Test
    void aForeignHostIsRefusedOnEveryPathAndLocalNamesWithThePortAreAnswered() throws IOException {
        for (String path : new String[] {"/api/state?lang=vi", "/", "/api/text"}) {
            assertEquals(403, request("GET", path, "evil.example:" + server.port(), null, null, null), path);
            assertEquals(403, request("GET", path, "evil.example", null, null, null), path);
            assertEquals(403, request("GET", path, "localhost:1", null, null, null), path);
            assertEquals(403, request("GET", path, "localhost.evil.example:" + server.port(), null, null, null), path);
        }
        for (String host : new String[] {local(), "127.0.0.1:" + server.port(), "[::1]:" + server.port()}) {
            assertEquals(200, request("GET", "/api/state?lang=vi", host, null, null, null), host);
        }
        assertEquals(200, request("GET", "/", local(), null, null, null));
        // A rebound name cannot change anything either, even with a matching Origin.
        assertEquals(403, request("POST", "/api/action", "evil.example:" + server.port(),
                "http://evil.example:" + server.port(), "application/json", CHECK_IN));
        assertFalse(checkedIn());
    }

    @Test
    void aCrossSiteOrMissingOriginChangesNothing() throws IOException {
        assertEquals(403, request("POST", "/api/action", local(), "http://evil.example", "application/json", CHECK_IN));
        assertEquals(403, request("POST", "/api/action", local(), null, "application/json", CHECK_IN));
        assertEquals(403, request("POST", "/api/action", local(), "http://127.0.0.1:" + server.port(),
                "application/json", CHECK_IN), "same host by another name is another origin");
        assertEquals(403, request("POST", "/api/simulate", local(), "null", "application/json", "{\"lang\":\"vi\"}"));
        assertFalse(checkedIn());
        assertEquals(0, sandbox.version(), "a refused request changed the sandbox");
    }

    @Test
    void aBodyNotDeclaredJsonChangesNothing() throws IOException {
        String origin = "http://" + local();
        assertEquals(415, request("POST", "/api/action", local(), origin, "text/plain", CHECK_IN));
        assertEquals(415, request("POST", "/api/action", local(), origin, "text/plain;charset=UTF-8", CHECK_IN));
        assertEquals(415, request("POST", "/api/action", local(), origin, "application/x-www-form-urlencoded",
                CHECK_IN));
        assertEquals(415, request("POST", "/api/action", local(), origin, null, CHECK_IN));
        assertFalse(checkedIn());
        // The check can fail: the page's own request goes through.
        assertEquals(200, request("POST", "/api/action", local(), origin, "application/json; charset=utf-8",
                CHECK_IN));
        assertTrue(checkedIn());
    }
}
