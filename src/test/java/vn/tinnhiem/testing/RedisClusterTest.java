package vn.tinnhiem.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

/** The test cluster is a real cluster: 3 masters, 3 replicas, a failover, and it cleans up. */
class RedisClusterTest {

    @Test
    void threeMastersWithAReplicaEachFailOverAndCleanUp() {
        Path dir;
        List<RedisServer> nodes;
        try (RedisCluster cluster = RedisCluster.start()) {
            nodes = cluster.nodes();
            assertEquals(6, nodes.size());
            assertTrue(cluster.url().startsWith("redis-cluster://127.0.0.1:"), cluster.url());
            Set<Integer> masters = new HashSet<>();
            for (String key : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")) {
                masters.add(cluster.masterOf(key).port());
            }
            assertEquals(3, masters.size(), "keys spread over the three masters");

            Set<HostAndPort> seeds = Set.of(new HostAndPort("127.0.0.1", nodes.get(0).port()));
            try (RedisClusterClient client = RedisClusterClient.builder().nodes(seeds).build()) {
                client.set("tn:{v}:k", "before");
                RedisServer master = cluster.masterOf("tn:{v}:k");
                List<RedisServer> replicas = cluster.replicasOf(master);
                assertEquals(1, replicas.size());
                // The write reached the replica before the master dies.
                assertEquals(1, master.jedis().waitReplicas(1, 5000));
                dir = master.dir().getParent();

                cluster.kill(master);
                assertFalse(master.isRunning());
                RedisServer promoted = cluster.awaitPromotion(master, replicas);
                assertEquals(replicas.get(0), promoted);
                assertEquals(promoted, cluster.masterOf("tn:{v}:k"));
                client.refreshClusterTopology();
                assertEquals("before", client.get("tn:{v}:k"));
            }
        }
        assertFalse(Files.exists(dir), "the cluster's directory is deleted");
        nodes.forEach(n -> assertFalse(n.isRunning(), "every node stopped"));
    }
}
