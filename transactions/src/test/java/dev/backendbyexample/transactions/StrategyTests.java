package dev.backendbyexample.transactions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How strategies are named in URLs and configuration.
 */
class StrategyTests {

	@Test
	void slugIsLowerCaseWithDashes() {
		assertThat(Strategy.ATOMIC_UPDATE.slug()).isEqualTo("atomic-update");
	}

	@Test
	void ofReadsSlugsAndConstantNames() {
		assertThat(Strategy.of("atomic-update")).isEqualTo(Strategy.ATOMIC_UPDATE);
		assertThat(Strategy.of(" Optimistic ")).isEqualTo(Strategy.OPTIMISTIC);
		assertThat(Strategy.of("SERIALIZABLE")).isEqualTo(Strategy.SERIALIZABLE);
	}

	@Test
	void ofUnknownNameThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> Strategy.of("yolo"));
	}

}
