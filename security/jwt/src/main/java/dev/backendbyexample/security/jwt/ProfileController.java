package dev.backendbyexample.security.jwt;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own profile, found by the token's {@code sub}: there is no id in the path
 * to change.
 */
@RestController
@Tag(name = "Profile", description = "The caller's own account")
class ProfileController {

	private final Users users;

	ProfileController(Users users) {
		this.users = users;
	}

	@GetMapping("/me")
	@Operation(summary = "Who the token says you are, as stored now")
	@ApiResponse(responseCode = "200", description = "The caller")
	UserView me(@AuthenticationPrincipal Jwt token) {
		return UserView.of(this.users.findById(id(token)).orElseThrow(UserNotFound::new));
	}

	@PatchMapping("/me")
	@Operation(summary = "Change your display name (and nothing else: roles are not a field here)")
	@ApiResponse(responseCode = "200", description = "Changed")
	UserView update(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ProfileUpdate update) {
		UUID id = id(token);
		this.users.updateDisplayName(id, update.displayName());
		return UserView.of(this.users.findById(id).orElseThrow(UserNotFound::new));
	}

	static UUID id(Jwt token) {
		return UUID.fromString(token.getSubject());
	}

	/**
	 * What a user may change about itself: a dedicated type, so no other column can be
	 * bound (mass assignment).
	 *
	 * @param displayName the new display name
	 */
	record ProfileUpdate(@NotBlank @Size(max = 100) String displayName) {
	}

}
