package dev.backendbyexample.transactions;

import dev.backendbyexample.transactions.TransferLoad.Kind;
import dev.backendbyexample.transactions.TransferLoad.Verdict;

/**
 * Turns what a transfer returned or threw into a {@link Verdict}.
 */
final class Verdicts {

	private Verdicts() {
	}

	static Verdict throughService(TransferService transfers, Strategy strategy, TransferCommand command) {
		try {
			return Verdict.accepted(transfers.transfer(command, strategy).transfer().id());
		}
		catch (InsufficientFunds ex) {
			return Verdict.of(Kind.REJECTED);
		}
		catch (RetriesExhausted ex) {
			return Verdict.of(Kind.CONFLICTED);
		}
	}

}
