package vn.tinnhiem.store;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
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
    void errorsOfOursStayWhatTheyAre() {
        JedisDataException script = new JedisDataException("ERR Error running script");
        assertSame(script, StoreOutages.translate(script));
        IllegalStateException bug = new IllegalStateException("unexpected reply");
        assertSame(bug, StoreOutages.translate(bug));
    }
}
