package dev.backendbyexample.transactions;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opens and reads accounts. Thin: no transaction starts here, the service owns them.
 */
@RestController
@RequestMapping(path = "/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts", description = "Open an account and read its balance and its transfers.")
class AccountController {

	static final String ACCOUNT_NOT_FOUND = "{\"type\":\"https://backendbyexample.dev/problems/account-not-found\","
			+ "\"title\":\"Account not found\",\"status\":404,\"detail\":\"Account 42 does not exist\","
			+ "\"instance\":\"/accounts/42\"}";

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "openAccount", summary = "Open an account with an opening balance in cents")
	@ApiResponse(responseCode = "201", description = "Opened.",
			headers = @Header(name = "Location", description = "The new account.",
					schema = @Schema(type = "string", format = "uri-reference", example = "/accounts/1")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Account.class), examples = @ExampleObject(
							value = "{\"id\":1,\"owner\":\"alice\",\"balance\":10000,\"version\":0}")))
	ResponseEntity<Account> open(@Valid @RequestBody OpenAccount request) {
		Account account = this.accounts.open(request.owner(), request.balance());
		return ResponseEntity.created(URI.create("/accounts/" + account.id())).body(account);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getAccount", summary = "An account and its balance in cents")
	@ApiResponse(responseCode = "200", description = "The account.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Account.class)))
	@ApiResponse(responseCode = "404", description = "No such account.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = @ExampleObject(value = ACCOUNT_NOT_FOUND)))
	Account account(@Parameter(description = "The account id.", example = "1") @PathVariable long id) {
		return this.accounts.account(id);
	}

	@GetMapping("/{id}/transfers")
	@Operation(operationId = "listAccountTransfers",
			summary = "The account's latest transfers, in or out, newest first")
	@ApiResponse(responseCode = "200", description = "The transfers, at most limit of them.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = Transfer.class))))
	@ApiResponse(responseCode = "404", description = "No such account.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = @ExampleObject(value = ACCOUNT_NOT_FOUND)))
	List<Transfer> transfers(@Parameter(description = "The account id.", example = "1") @PathVariable long id,
			@Parameter(description = "How many, 1 to 1000.") @RequestParam(
					defaultValue = "20") @Positive @Max(1000) int limit) {
		return this.accounts.transfers(id, limit);
	}

	/** The longest owner name, in characters (a person's or a company's name fits). */
	static final int OWNER_MAX_LENGTH = 200;

	/**
	 * The body of {@code POST /accounts}.
	 *
	 * @param owner who owns the account, 1 to {@value #OWNER_MAX_LENGTH} characters
	 * @param balance the opening balance in cents
	 */
	record OpenAccount(@NotBlank @Size(max = OWNER_MAX_LENGTH) String owner,
			@NotNull @PositiveOrZero @Max(TransferCommand.MAX_CENTS) Long balance) {
	}

}
