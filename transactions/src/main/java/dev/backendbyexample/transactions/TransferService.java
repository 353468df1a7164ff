package dev.backendbyexample.transactions;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Picks the strategy and makes a retried request with the same {@code Idempotency-Key}
 * move money once.
 * <p>
 * Deliberately not {@code @Transactional}: each strategy owns its transaction (a retrying
 * strategy must begin a new one per attempt), and nothing slow or remote happens while a
 * transaction, and its row locks, are open.
 */
@Service
class TransferService {

	private final Map<Strategy, TransferStrategy> strategies = new EnumMap<>(Strategy.class);

	private final Strategy defaultStrategy;

	private final Ledger ledger;

	TransferService(List<TransferStrategy> strategies, TransactionsProperties properties, Ledger ledger) {
		strategies.forEach((strategy) -> this.strategies.put(strategy.strategy(), strategy));
		this.defaultStrategy = properties.strategy();
		this.ledger = ledger;
	}

	/**
	 * Moves the money with the given strategy (or the configured one), once per
	 * idempotency key. Only accepted transfers are remembered: a refused request (422,
	 * 409) moved nothing, so a retry with the same key is simply evaluated again.
	 */
	public TransferResult transfer(TransferCommand command, @Nullable Strategy strategy) {
		String key = command.idempotencyKey();
		if (key == null) {
			return new TransferResult(strategyFor(strategy).transfer(command), false);
		}
		return transferOnce(command, strategyFor(strategy), key);
	}

	/**
	 * Replays what the first request with this key got, or moves the money and answers
	 * what a concurrent request with the key got if that one won the race.
	 */
	private TransferResult transferOnce(TransferCommand command, TransferStrategy strategy, String key) {
		// exercise:begin idempotent-replay
		Ledger.Replay earlier = this.ledger.findByIdempotencyKey(command.from(), key).orElse(null);
		if (earlier != null) {
			return replay(earlier, command, key);
		}
		try {
			return new TransferResult(strategy.transfer(command), false);
		}
		catch (DuplicateKeyException | InsufficientFunds | RetriesExhausted ex) {
			// A concurrent request with the same key may have committed after our check:
			// either its ledger insert made ours fail (rolling our balance updates back),
			// or its debit left too little for ours, or it kept us conflicting. In each
			// case a retry must answer what the first request got, not a refusal.
			Ledger.Replay winner = this.ledger.findByIdempotencyKey(command.from(), key).orElse(null);
			if (winner == null) {
				throw ex;
			}
			return replay(winner, command, key);
		}
		// exercise:end idempotent-replay
	}

	TransferStrategy strategyFor(@Nullable Strategy strategy) {
		return this.strategies.get((strategy != null) ? strategy : this.defaultStrategy);
	}

	private TransferResult replay(Ledger.Replay earlier, TransferCommand command, String key) {
		// exercise:begin idempotent-replay
		if (!earlier.fingerprint().equals(command.fingerprint())) {
			throw new IdempotencyKeyReused(key);
		}
		return new TransferResult(earlier.transfer(), true);
		// exercise:end idempotent-replay
	}

}
