package dev.backendbyexample.restvsgraphql;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Posts and comments as REST resources, and {@code GET /feed}: the purpose-built endpoint
 * that answers the feed screen in one round trip, at the price of an endpoint shaped for
 * one client.
 */
@RestController
@Tag(name = "Posts", description = "Posts, their comments, and the purpose-built feed.")
class PostController {

	private final Blog blog;

	PostController(Blog blog) {
		this.blog = blog;
	}

	@GetMapping(path = "/posts", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "All posts, newest first",
			description = "Each post names its author by id: showing names costs a GET /users/{id} per author.")
	@ApiResponse(responseCode = "200", description = "A page of posts", headers = @Header(name = "Link",
			description = "<…?after=…>; rel=\"next\" while more follow", schema = @Schema(type = "string")))
	ResponseEntity<Page<Post>> list(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Size(max = 64) @Nullable String after) {
		return Pages.ok(this.blog.feed(Cursor.decode(after, "after"), limit), Post::id, (post) -> post);
	}

	@GetMapping(path = "/posts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Read a post", description = "Posts never change: the ETag is forever.")
	@ApiResponse(responseCode = "200", description = "The post",
			headers = @Header(name = "ETag", description = "The post's ETag", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "304", description = "Not modified: the ETag in If-None-Match is current",
			headers = @Header(name = "ETag", description = "The post's ETag", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such post")
	@Nullable ResponseEntity<Post> read(@PathVariable long id, WebRequest request) {
		Post post = this.blog.post(id);
		if (request.checkNotModified(ETags.of(post))) {
			return null;
		}
		return ResponseEntity.ok().eTag(ETags.of(post)).body(post);
	}

	@GetMapping(path = "/posts/{id}/comments", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A post's comments, oldest first", description = "Cursor pagination with a Link header.")
	@ApiResponse(responseCode = "200", description = "A page of comments",
			headers = @Header(name = "Link", description = "<…?after=…>; rel=\"next\" while more follow",
					schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such post")
	ResponseEntity<Page<Comment>> comments(@PathVariable long id,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Size(max = 64) @Nullable String after) {
		return Pages.ok(this.blog.comments(id, Cursor.decode(after, "after"), limit), Comment::id,
				(comment) -> comment);
	}

	@GetMapping(path = "/feed", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The feed screen in one request (a purpose-built endpoint)",
			description = "Posts newest first with their author's name and first 3 comments: one round trip and "
					+ "3 SQL statements, but shaped for one screen: another screen needs another endpoint.")
	@ApiResponse(responseCode = "200", description = "A page of the feed", headers = @Header(name = "Link",
			description = "<…?after=…>; rel=\"next\" while more follow", schema = @Schema(type = "string")))
	ResponseEntity<Page<FeedItem>> feed(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
			@RequestParam(required = false) @Size(max = 64) @Nullable String after) {
		Slice<Post> posts = this.blog.feed(Cursor.decode(after, "after"), limit);
		List<Long> ids = posts.items().stream().map(Post::id).toList();
		Map<Long, User> authors = this.blog.users(posts.items().stream().map(Post::authorId).distinct().toList());
		Map<Long, Slice<Comment>> comments = this.blog.comments(ids, null, 3);
		return Pages.ok(posts, Post::id,
				(post) -> new FeedItem(post.id(), post.title(), post.createdAt(), authors.get(post.authorId()).name(),
						comments.get(post.id())
							.items()
							.stream()
							.map((c) -> new FeedItem.FeedComment(c.id(), c.body()))
							.toList()));
	}

}
