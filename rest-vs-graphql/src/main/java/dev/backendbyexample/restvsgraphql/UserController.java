package dev.backendbyexample.restvsgraphql;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Users as REST resources: GET is safe and answers 304 to a matching
 * {@code If-None-Match}; POST creates (201, {@code Location}, once per
 * {@code Idempotency-Key}); PUT replaces and PATCH merges, both only with an
 * {@code If-Match} naming the current version (428 without, 412 when stale); DELETE
 * answers 204, then 404.
 */
@RestController
@RequestMapping("/users")
@Tag(name = "Users", description = "Users, their posts, and every HTTP method's rules.")
class UserController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final Blog blog;

	UserController(Blog blog) {
		this.blog = blog;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List users, by id", description = "Cursor pagination: the Link header names the next page.")
	@ApiResponse(responseCode = "200", description = "A page of users", headers = @Header(name = "Link",
			description = "<…?after=…>; rel=\"next\" while more follow", schema = @Schema(type = "string")))
	ResponseEntity<Page<UserResource>> list(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Size(max = 64) @Nullable String after) {
		Slice<User> slice = this.blog.users(Cursor.decode(after, "after"), limit);
		Map<Long, Integer> counts = this.blog.postCounts(slice.items().stream().map(User::id).toList());
		return Pages.ok(slice, User::id, (user) -> UserResource.of(user, counts.get(user.id())));
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Read a user",
			description = "Safe and cacheable: send the ETag back in If-None-Match and an unchanged user answers 304.")
	@ApiResponse(responseCode = "200", description = "The user",
			headers = @Header(name = "ETag", description = "The user's version", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "304", description = "Not modified: the ETag in If-None-Match is current",
			headers = @Header(name = "ETag", description = "The user's version", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such user")
	@Nullable ResponseEntity<UserResource> read(@PathVariable long id, WebRequest request) {
		User user = this.blog.user(id);
		if (request.checkNotModified(ETags.of(user))) {
			return null; // Spring MVC answers 304 with the ETag and no body
		}
		return ResponseEntity.ok().eTag(ETags.of(user)).body(UserResource.of(user, this.blog.postCount(id)));
	}

	@PostMapping
	@Operation(summary = "Create a user",
			description = "Not idempotent by itself: send an Idempotency-Key and a retry answers the first result.")
	@ApiResponse(responseCode = "201", description = "Created, or replayed for a known Idempotency-Key",
			headers = { @Header(name = "Location", description = "The new user", schema = @Schema(type = "string")),
					@Header(name = "ETag", description = "The user's version", schema = @Schema(type = "string")),
					@Header(name = "Idempotent-Replayed",
							description = "true when an earlier request with this Idempotency-Key made the user",
							schema = @Schema(type = "boolean")) })
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
	ResponseEntity<UserResource> create(@RequestBody @Valid UserDraft draft,
			@Parameter(description = "Makes retries safe: the same key and body create one user") @RequestHeader(
					name = "Idempotency-Key",
					required = false) @Size(min = 1, max = 255) @Nullable String idempotencyKey) {
		UserCreated created = this.blog.createUser(draft, idempotencyKey);
		User user = created.user();
		ResponseEntity.BodyBuilder response = ResponseEntity.created(URI.create("/users/" + user.id()))
			.eTag(ETags.of(user));
		if (idempotencyKey != null) {
			response.header("Idempotent-Replayed", String.valueOf(created.replayed()));
		}
		return response.body(UserResource.of(user, created.replayed() ? this.blog.postCount(user.id()) : 0));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a user",
			description = "Idempotent: the same PUT twice leaves the same state. Every field is replaced (no bio: "
					+ "none). Needs If-Match with the ETag you read.")
	@ApiResponse(responseCode = "200", description = "Replaced",
			headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such user (PUT does not create: ids are the server's)")
	@ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
	@ApiResponse(responseCode = "428", description = "If-Match is missing")
	ResponseEntity<UserResource> replace(@PathVariable long id, @RequestBody @Valid UserDraft draft,
			@Parameter(description = "The ETag you read, or *", required = true) @RequestHeader(name = "If-Match",
					required = false) @Nullable String ifMatch) {
		User user = this.blog.replaceUser(id, draft, ETags.expectedVersions(ifMatch));
		return ResponseEntity.ok().eTag(ETags.of(user)).body(UserResource.of(user, this.blog.postCount(id)));
	}

	@PatchMapping(path = "/{id}", consumes = MERGE_PATCH_JSON)
	@Operation(summary = "Change some fields of a user (JSON Merge Patch, RFC 7396)",
			description = "A member changes that field, null removes it (only bio may be removed), an absent "
					+ "member leaves it. Needs If-Match with the ETag you read.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MERGE_PATCH_JSON,
			schema = @Schema(type = "object", description = "Any of name, email, bio; null removes bio",
					example = "{\"bio\": null, \"name\": \"Ada\"}")))
	@ApiResponse(responseCode = "200", description = "Patched",
			headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such user")
	@ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
	@ApiResponse(responseCode = "428", description = "If-Match is missing")
	ResponseEntity<UserResource> patch(@PathVariable long id, @RequestBody Map<String, Object> patch,
			@Parameter(description = "The ETag you read, or *", required = true) @RequestHeader(name = "If-Match",
					required = false) @Nullable String ifMatch) {
		User user = this.blog.patchUser(id, UserPatch.of(patch), ETags.expectedVersions(ifMatch));
		return ResponseEntity.ok().eTag(ETags.of(user)).body(UserResource.of(user, this.blog.postCount(id)));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a user, their posts and comments",
			description = "Idempotent in effect: a repeat finds nothing and answers 404, which a retrying client "
					+ "reads as done. If-Match is optional here; when sent, a stale one answers 412.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such user (or already deleted)")
	@ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
	void delete(@PathVariable long id,
			@Parameter(description = "The ETag you read, or *") @RequestHeader(name = "If-Match",
					required = false) @Nullable String ifMatch) {
		this.blog.deleteUser(id, (ifMatch != null) ? ETags.expectedVersions(ifMatch) : ETags.ANY);
	}

	@GetMapping(path = "/{id}/posts", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A user's posts, newest first", description = "Cursor pagination with a Link header.")
	@ApiResponse(responseCode = "200", description = "A page of posts",
			headers = @Header(name = "Link", description = "<…?after=…>; rel=\"next\" while more follow",
					schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such user")
	ResponseEntity<Page<Post>> posts(@PathVariable long id,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Size(max = 64) @Nullable String after) {
		return Pages.ok(this.blog.postsBy(id, Cursor.decode(after, "after"), limit), Post::id, (post) -> post);
	}

	@PostMapping("/{id}/posts")
	@Operation(summary = "Write a post as this user")
	@ApiResponse(responseCode = "201", description = "Created",
			headers = { @Header(name = "Location", description = "The new post", schema = @Schema(type = "string")),
					@Header(name = "ETag", description = "The post's ETag", schema = @Schema(type = "string")) })
	@ApiResponse(responseCode = "404", description = "No such user")
	ResponseEntity<Post> write(@PathVariable long id, @RequestBody @Valid PostDraft draft) {
		Post post = this.blog.createPost(id, draft);
		return ResponseEntity.created(URI.create("/posts/" + post.id())).eTag(ETags.of(post)).body(post);
	}

}
