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
@RequestMapping("/accounts")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping
	ResponseEntity<Account> open(@Valid @RequestBody OpenAccount request) {
		Account account = this.accounts.open(request.owner(), request.balance());
		return ResponseEntity.created(URI.create("/accounts/" + account.id())).body(account);
	}

	@GetMapping("/{id}")
	Account account(@PathVariable long id) {
		return this.accounts.account(id);
	}

	@GetMapping("/{id}/transfers")
	List<Transfer> transfers(@PathVariable long id, @RequestParam(defaultValue = "20") @Positive @Max(1000) int limit) {
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
