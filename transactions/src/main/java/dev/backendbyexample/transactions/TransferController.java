package dev.backendbyexample.transactions;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
@RequestMapping(path = "/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Transfers", description = "Move money between two accounts, safely under concurrency and retries.")
class TransferController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private final TransferService transfers;

	private final AccountService accounts;

	TransferController(TransferService transfers, AccountService accounts) {
		this.transfers = transfers;
		this.accounts = accounts;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createTransfer", summary = "Move an amount in cents from one account to another",
			description = "Debits and credits in one transaction. With an Idempotency-Key, a retry of the same "
					+ "request moves nothing and answers the first result (Idempotent-Replayed: true); the "
					+ "same key with another body is refused with 422.")
	@ApiResponse(responseCode = "201", description = "Moved now, or replayed from the first request with this key.",
			headers = {
					@Header(name = "Location", description = "The transfer.",
							schema = @Schema(type = "string", format = "uri-reference", example = "/transfers/7")),
					@Header(name = REPLAYED,
							description = "true when this answer replays an earlier request with "
									+ "the same Idempotency-Key and no money moved now.",
							required = true,
							schema = @Schema(type = "string", allowableValues = { "true", "false" })) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Transfer.class),
					examples = @ExampleObject(
							value = "{\"id\":7," + "\"from\":1,\"to\":2,\"amount\":3000,\"strategy\":\"pessimistic\","
									+ "\"createdAt\":\"2026-11-28T08:00:00Z\"}")))
	@ApiResponse(responseCode = "404", description = "One of the two accounts does not exist; nothing moved.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = @ExampleObject(value = AccountController.ACCOUNT_NOT_FOUND)))
	@ApiResponse(responseCode = "409",
			description = "The optimistic or serializable strategy kept conflicting with concurrent transfers "
					+ "until its retries ran out; nothing moved, the request may be retried.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = @ExampleObject(
							value = "{\"type\":\"https://backendbyexample.dev/problems/retries-exhausted\","
									+ "\"title\":\"Concurrent transfers kept conflicting\",\"status\":409,"
									+ "\"detail\":\"The optimistic transfer conflicted with concurrent transfers 10 "
									+ "times\",\"instance\":\"/transfers\"}")))
	@ApiResponse(responseCode = "422",
			description = "Insufficient funds, or the Idempotency-Key was used before for another transfer; "
					+ "nothing moved.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = { @ExampleObject(name = "insufficient-funds",
							value = "{\"type\":\"https://backendbyexample.dev/problems/insufficient-funds\","
									+ "\"title\":\"Insufficient funds\",\"status\":422,"
									+ "\"detail\":\"Account 1 cannot cover 50000\",\"instance\":\"/transfers\"}"),
							@ExampleObject(name = "idempotency-key-reused", value = "{\"type\":"
									+ "\"https://backendbyexample.dev/problems/idempotency-key-reused\","
									+ "\"title\":\"Idempotency-Key reused\",\"status\":422,\"detail\":"
									+ "\"Idempotency-Key rent-2026-11 was already used for a different transfer\","
									+ "\"instance\":\"/transfers\"}") }))
	ResponseEntity<Transfer> transfer(@Valid @RequestBody TransferRequest request,
			@Parameter(description = "How to move the money; the configured default when absent.",
					schema = @Schema(type = "string",
							allowableValues = { "naive", "pessimistic", "optimistic", "atomic-update",
									"serializable" })) @RequestParam(required = false) @Nullable String strategy,
			@Parameter(
					description = "The client's name for this transfer, 1 to 255 characters: a retry with "
							+ "the same key and body moves money once.",
					example = "rent-2026-11") @RequestHeader(name = IDEMPOTENCY_KEY,
							required = false) @Nullable @Size(min = 1, max = 255) String idempotencyKey) {
		TransferCommand command = new TransferCommand(request.from(), request.to(), request.amount(), idempotencyKey);
		TransferResult result = this.transfers.transfer(command, strategy(strategy));
		// A replay answers exactly as the first time did, and says it is a replay.
		return ResponseEntity.created(URI.create("/transfers/" + result.transfer().id()))
			.header(REPLAYED, String.valueOf(result.replayed()))
			.body(result.transfer());
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getTransfer", summary = "One transfer from the ledger")
	@ApiResponse(responseCode = "200", description = "The transfer.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Transfer.class)))
	@ApiResponse(responseCode = "404", description = "No such transfer.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	Transfer transfer(@Parameter(description = "The transfer id.", example = "7") @PathVariable long id) {
		return this.accounts.recordedTransfer(id);
	}

	@GetMapping
	@Operation(operationId = "listTransfers", summary = "The latest transfers, newest first")
	@ApiResponse(responseCode = "200", description = "The transfers, at most limit of them.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = Transfer.class))))
	List<Transfer> latest(@Parameter(description = "How many, 1 to 1000.") @RequestParam(
			defaultValue = "20") @Positive @Max(1000) int limit) {
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
