package dev.backendbyexample.security.jwt;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration, login, refresh and logout: the only operations open without a token.
 */
@RestController
@RequestMapping("/auth")
@Tag(name = "Authentication", description = "Passwords in, token pairs out")
@SecurityRequirements
class AuthController {

	static final int PASSWORD_MIN = 12;

	static final int PASSWORD_MAX = 128;

	private final Authentication authentication;

	AuthController(Authentication authentication) {
		this.authentication = authentication;
	}

	@PostMapping("/register")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Register a user (always role USER)")
	@ApiResponse(responseCode = "201", description = "Registered")
	@ApiResponse(responseCode = "409", description = "The username is taken",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	UserView register(@Valid @RequestBody Registration registration) {
		return UserView.of(this.authentication.register(registration.username(), registration.password(),
				registration.displayName()));
	}

	@PostMapping("/login")
	@Operation(summary = "Log in: an access token and a refresh token")
	@ApiResponse(responseCode = "200", description = "Logged in")
	@ApiResponse(responseCode = "401",
			description = "Unknown user or wrong password: one answer for both, in about the same time",
			headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = "string")),
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	@ApiResponse(responseCode = "429", description = "Too many attempts at this account or from this address",
			headers = @Header(name = "Retry-After", description = "Whole seconds", schema = @Schema(type = "integer")),
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	TokenPair login(@Valid @RequestBody Login login, HttpServletRequest request) {
		// The socket's address, not X-Forwarded-For: a header the client writes would let
		// it
		// pick a fresh "address" per guess. Behind a proxy, set
		// server.forward-headers-strategy.
		return this.authentication.login(login.username(), login.password(), request.getRemoteAddr());
	}

	@PostMapping("/refresh")
	@Operation(summary = "Trade a refresh token for a new pair; the old one is used up")
	@ApiResponse(responseCode = "200", description = "Rotated")
	@ApiResponse(responseCode = "401",
			description = "Unknown, expired, revoked or already used (which revokes its whole family)",
			headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = "string")),
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	TokenPair refresh(@Valid @RequestBody RefreshToken refresh) {
		return this.authentication.refresh(refresh.refreshToken());
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke the refresh token's family; access tokens live out their minutes")
	@ApiResponse(responseCode = "204", description = "Revoked (or unknown: the answer does not tell)")
	void logout(@Valid @RequestBody RefreshToken refresh) {
		this.authentication.logout(refresh.refreshToken());
	}

	/**
	 * A registration: no roles here, and an unknown property such as {@code roles} is a
	 * 400 ({@link StrictJson}).
	 *
	 * @param username 3 to 32 of a-z, 0-9, dot, dash, underscore
	 * @param password 12 to 128 characters (NIST SP 800-63B: length, not composition
	 * rules)
	 * @param displayName shown to others
	 */
	record Registration(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{3,32}") String username,
			@NotNull @Size(min = PASSWORD_MIN, max = PASSWORD_MAX) String password,
			@NotBlank @Size(max = 100) String displayName) {

		@Override
		public String toString() {
			return "Registration[username=" + this.username + "]";
		}

	}

	/**
	 * A login.
	 *
	 * @param username as registered, any case
	 * @param password the password
	 */
	record Login(@NotBlank @Size(max = 32) String username, @NotNull @Size(max = PASSWORD_MAX) String password) {

		@Override
		public String toString() {
			return "Login[username=" + this.username + "]";
		}

	}

	/**
	 * A refresh token in a body, never in a URL (URLs are logged). Bounded like an access
	 * token, so one sent here by mistake is looked up and refused (401), not a 400.
	 *
	 * @param refreshToken the opaque token a login or refresh answered
	 */
	record RefreshToken(@NotBlank @Size(max = JjwtDecoder.MAX_LENGTH) String refreshToken) {

		@Override
		public String toString() {
			return "RefreshToken[…]";
		}

	}

}
