package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import vn.tinnhiem.core.StoreUnavailableException;

class StoreOutagesTest {
    @Test
    void connectionFailureLoadingAndAnExhaustedPoolAreUnavailable() {
        assertInstanceOf(StoreUnavailableException.class,
                StoreOutages.translate(new JedisConnectionException("Connection refused")));
        assertInstanceOf(StoreUnavailableException.class,
                StoreOutages.translate(new JedisDataException("LOADING Redis is loading the dataset in memory")));
        assertInstanceOf(StoreUnavailableException.class, StoreOutages.translate(new JedisException(
                "Could not get a resource from the pool", new NoSuchElementException("Timeout waiting for idle object"))));
    }

    @Test
    void aFailoverInProgressIsUnavailable() {
        for (String error : List.of("CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request during rehashing",
                "READONLY You can't write against a read only replica.", "MASTERDOWN Link with MASTER is down")) {
            assertInstanceOf(StoreUnavailableException.class, StoreOutages.translate(new JedisDataException(error)), error);
        }
        assertInstanceOf(StoreUnavailableException.class, StoreOutages.translate(
                new JedisMovedDataException("MOVED 3739 127.0.0.1:43613", new HostAndPort("127.0.0.1", 43613), 3739)));
        assertInstanceOf(StoreUnavailableException.class, StoreOutages.translate(
                new JedisClusterOperationException("No more cluster attempts left.")));
        // Keys of two slots are a defect of ours, not an outage.
        JedisClusterOperationException crossSlot = new JedisClusterOperationException(
                "No way to dispatch this command to Redis Cluster because keys have different slots.");
        assertSame(crossSlot, StoreOutages.translate(crossSlot));
    }

    @Test
    void errorsOfOursStayWhatTheyAre() {
        JedisDataException script = new JedisDataException("ERR Error running script");
        assertSame(script, StoreOutages.translate(script));
        IllegalStateException bug = new IllegalStateException("unexpected reply");
        assertSame(bug, StoreOutages.translate(bug));
    }
}
