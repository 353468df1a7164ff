package dev.backendbyexample.security.jwt;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What only an admin may do. Method security guards the class: the rule lives with the
 * code it protects, not in a URL pattern that a new route could slip past.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin", description = "Role ADMIN only")
class AdminController {

	private final Users users;

	private final RefreshTokens refreshTokens;

	AdminController(Users users, RefreshTokens refreshTokens) {
		this.users = users;
		this.refreshTokens = refreshTokens;
	}

	@GetMapping("/admin/users")
	@Operation(summary = "Every user")
	@ApiResponse(responseCode = "200", description = "Every user")
	List<UserView> users() {
		return this.users.findAll().stream().map(UserView::of).toList();
	}

	@PutMapping("/admin/users/{id}/roles")
	@Operation(summary = "Set a user's roles; its refresh tokens are revoked so the change reaches its tokens")
	@ApiResponse(responseCode = "200", description = "Changed")
	UserView roles(@PathVariable UUID id, @Valid @RequestBody RolesUpdate update) {
		if (!this.users.updateRoles(id, EnumSet.copyOf(update.roles()))) {
			throw new UserNotFound();
		}
		// Access tokens carry roles for their few minutes; refresh tokens would carry
		// the old ones on for weeks otherwise. Revoked: the next login reads the new
		// roles.
		this.refreshTokens.revokeAllOf(id, "roles-changed");
		return UserView.of(this.users.findById(id).orElseThrow(UserNotFound::new));
	}

	/**
	 * The new roles.
	 *
	 * @param roles one or both of USER and ADMIN
	 */
	record RolesUpdate(@NotEmpty Set<Role> roles) {
	}

}
