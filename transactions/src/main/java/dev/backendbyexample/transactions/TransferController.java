package dev.backendbyexample.transactions;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Moves money: {@code POST /transfers?strategy=optimistic} with an optional
 * {@code Idempotency-Key} header.
 */
@RestController
@RequestMapping("/transfers")
class TransferController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private final TransferService transfers;

	private final AccountService accounts;

	TransferController(TransferService transfers, AccountService accounts) {
		this.transfers = transfers;
		this.accounts = accounts;
	}

	@PostMapping
	ResponseEntity<Transfer> transfer(@Valid @RequestBody TransferRequest request,
			@RequestParam(required = false) @Nullable String strategy, @RequestHeader(name = IDEMPOTENCY_KEY,
					required = false) @Nullable @Size(min = 1, max = 255) String idempotencyKey) {
		TransferCommand command = new TransferCommand(request.from(), request.to(), request.amount(), idempotencyKey);
		TransferResult result = this.transfers.transfer(command, strategy(strategy));
		// A replay answers exactly as the first time did, and says it is a replay.
		return ResponseEntity.created(URI.create("/transfers/" + result.transfer().id()))
			.header(REPLAYED, String.valueOf(result.replayed()))
			.body(result.transfer());
	}

	@GetMapping("/{id}")
	Transfer transfer(@PathVariable long id) {
		return this.accounts.recordedTransfer(id);
	}

	@GetMapping
	List<Transfer> latest(@RequestParam(defaultValue = "20") @Positive @Max(1000) int limit) {
		return this.accounts.latestTransfers(limit);
	}

	private static @Nullable Strategy strategy(@Nullable String slug) {
		if (slug == null) {
			return null;
		}
		try {
			return Strategy.of(slug);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown strategy '" + slug
					+ "'; use naive, pessimistic, optimistic, atomic-update or serializable");
		}
	}

	/**
	 * The body of {@code POST /transfers}: amounts in cents.
	 *
	 * @param from the account to debit
	 * @param to the account to credit
	 * @param amount how much, positive, at most {@link TransferCommand#MAX_CENTS}
	 */
	record TransferRequest(@NotNull Long from, @NotNull Long to,
			@NotNull @Positive @Max(TransferCommand.MAX_CENTS) Long amount) {
	}

}
