package dev.backendbyexample.transactions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rules a transfer request obeys before any database is involved.
 */
class TransferCommandTests {

	@Test
	void transferToTheSameAccountIsRefused() {
		assertThatExceptionOfType(TransferToSameAccount.class).isThrownBy(() -> new TransferCommand(7, 7, 10));
	}

	@Test
	void zeroOrNegativeAmountIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TransferCommand(1, 2, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new TransferCommand(1, 2, -5));
	}

	@Test
	void amountAboveTheLimitIsRefusedSoNoBalanceCanOverflow() {
		assertThat(new TransferCommand(1, 2, TransferCommand.MAX_CENTS).amount()).isEqualTo(TransferCommand.MAX_CENTS);
		assertThatIllegalArgumentException().isThrownBy(() -> new TransferCommand(1, 2, TransferCommand.MAX_CENTS + 1));
	}

	@Test
	void lockOrderIsLowestIdFirstWhateverTheDirection() {
		TransferCommand there = new TransferCommand(3, 9, 10);
		TransferCommand back = new TransferCommand(9, 3, 10);

		assertThat(there.firstInLockOrder()).isEqualTo(back.firstInLockOrder()).isEqualTo(3);
		assertThat(there.secondInLockOrder()).isEqualTo(back.secondInLockOrder()).isEqualTo(9);
	}

	@Test
	void fingerprintDiffersWhenAnyFieldDiffersButNotWithTheKey() {
		TransferCommand command = new TransferCommand(1, 2, 30, "a");

		assertThat(command.fingerprint()).isEqualTo(new TransferCommand(1, 2, 30, "b").fingerprint())
			.isNotEqualTo(new TransferCommand(1, 2, 31, "a").fingerprint())
			.isNotEqualTo(new TransferCommand(2, 1, 30, "a").fingerprint())
			.isNotEqualTo(new TransferCommand(1, 3, 30, "a").fingerprint());
	}

}
