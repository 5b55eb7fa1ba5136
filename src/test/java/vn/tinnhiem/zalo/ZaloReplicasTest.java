package vn.tinnhiem.zalo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.chat.ResultFiles;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.store.RedisAccountTurns;
import vn.tinnhiem.store.RedisHandledUpdates;
import vn.tinnhiem.store.RedisVoteStore;
import vn.tinnhiem.testing.RedisServer;
import vn.tinnhiem.testing.Votes;

/**
 * Issue 9, item 1: a Zalo message delivered again reaches another replica, which must know it
 * was handled. Two update handlers (two replicas) on one real Redis; a per-process memory of
 * handled messages would handle it twice.
 */
class ZaloReplicasTest {
    private static final RedisServer redis = RedisServer.shared();

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    private ZaloUpdateHandler replica(List<Reply> said) {
        VoteStore store = new RedisVoteStore(redis.client(), VoteStore.DEFAULT_DRAFT_TTL);
        ChatFlow flow = new ChatFlow(new VoteRegistry(List.of(Votes.builder("v1").participants(3).build())), store,
                new Codes(), Clock.systemUTC(), List.of(ZaloPlatform.PLATFORM), ResultFiles.NONE);
        return new ZaloUpdateHandler(flow, said::addAll, new RedisAccountTurns(redis.client()),
                new RedisHandledUpdates(redis.client(), "zalo"));
    }

    @Test
    void aMessageDeliveredAgainToAnotherReplicaIsNotHandledTwice() {
        List<Reply> saidA = Collections.synchronizedList(new ArrayList<>());
        List<Reply> saidB = Collections.synchronizedList(new ArrayList<>());
        ZaloUpdateHandler a = replica(saidA);
        ZaloUpdateHandler b = replica(saidB);
        try (FakeZaloApi zalo = new FakeZaloApi()) {
            JsonObject hello = zalo.text("6ede9afa66b88fe6d999", "Khách", "xin chào");
            a.handle(hello.deepCopy());
            assertFalse(saidA.isEmpty(), "the first delivery is answered");
            b.handle(hello.deepCopy());
            assertEquals(List.of(), saidB, "the same message at another replica");
            b.handle(zalo.text("6ede9afa66b88fe6d999", "Khách", "xin chào lần nữa"));
            assertFalse(saidB.isEmpty(), "a new message is handled");
        }
    }
}
