package dev.backendbyexample.transactions;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /load-runs}: which strategy, how many transfers at once, how
 * many in all. Every number is capped, so a run started and forgotten ends by itself
 * within {@value #MAX_SECONDS} seconds; a missing number takes its default.
 *
 * @param strategy the strategy every transfer of the run uses
 * @param concurrency transfers in flight at once (threads), 1 to
 * {@value #MAX_CONCURRENCY}
 * @param transfers transfers in all, 1 to {@value #MAX_TRANSFERS}
 * @param accounts hot accounts the transfers move money between, 2 to
 * {@value #MAX_ACCOUNTS}
 * @param seconds the run stops after this many seconds even if transfers remain, 1 to
 * {@value #MAX_SECONDS}
 */
record LoadRunRequest(@Schema(example = "naive", allowableValues = {
		"naive", "pessimistic", "optimistic", "atomic-update", "serializable" }) @NotNull @Size(max = 32) @Pattern(
				regexp = "naive|pessimistic|optimistic|atomic-update|serializable",
				message = "must be naive, pessimistic, optimistic, atomic-update or serializable") String strategy,
		@Schema(example = "16", defaultValue = "16") @Min(1) @Max(MAX_CONCURRENCY) @Nullable Integer concurrency,
		@Schema(example = "2000", defaultValue = "2000") @Min(1) @Max(MAX_TRANSFERS) @Nullable Integer transfers,
		@Schema(example = "4", defaultValue = "4") @Min(2) @Max(MAX_ACCOUNTS) @Nullable Integer accounts,
		@Schema(example = "30", defaultValue = "30") @Min(1) @Max(MAX_SECONDS) @Nullable Integer seconds){

	static final int MAX_CONCURRENCY = 16;

	static final int MAX_TRANSFERS = 10_000;

	static final int MAX_ACCOUNTS = 10;

	static final int MAX_SECONDS = 30;

	/** What to run: the request with every missing number replaced by its default. */
	LoadRun.Plan plan() {
		return new LoadRun.Plan(Strategy.of(this.strategy), orElse(this.concurrency, 16), orElse(this.transfers, 2000),
				orElse(this.accounts, 4), orElse(this.seconds, MAX_SECONDS));
	}

	private static int orElse(@Nullable Integer value, int fallback) {
		return (value != null) ? value : fallback;
	}

}
