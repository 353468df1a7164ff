package dev.backendbyexample.testsupport;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster harness starts three masters of its own that share the 16384 slots, and
 * leaves nothing behind: no process answering, no directory.
 */
class LocalRedisClusterIntegrationTests {

	@Test
	void startsThreeMastersSharingEverySlotAndLeavesNothingBehind() {
		LocalRedisCluster cluster = LocalRedisCluster.start(3);
		List<Integer> ports;
		try {
			ports = cluster.ports();
			assertThat(ports).hasSize(3).doesNotContain(6379);
			for (int port : ports) {
				String info = LocalRedisCluster.command(port, "CLUSTER INFO");
				assertThat(info).contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_known_nodes:3",
						"cluster_size:3");
			}
			assertThat(cluster.nodes())
				.isEqualTo("127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1) + ",127.0.0.1:" + ports.get(2));
		}
		finally {
			cluster.close();
		}
		for (int port : ports) {
			assertThat(LocalRedisCluster.command(port, "PING")).as("port " + port + " after close").isNull();
		}
		assertThat(Files.exists(cluster.directory())).isFalse();
	}

}
