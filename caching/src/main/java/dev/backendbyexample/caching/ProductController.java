package dev.backendbyexample.caching;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
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
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue over HTTP, with a caching policy per resource: the list may be kept by
 * any cache for a minute; a product may be stored but must be revalidated, which costs a
 * 304 and no query when nothing changed; per-user data is never stored.
 */
@RestController
@RequestMapping(path = "/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Products", description = "The catalogue, cached on Redis and locally, revalidated with ETags.")
class ProductController {

	static final String X_CACHE = "X-Cache";

	static final CacheControl LIST_POLICY = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

	static final CacheControl PRODUCT_POLICY = CacheControl.noCache().cachePublic();

	static final CacheControl PER_USER_POLICY = CacheControl.noStore().cachePrivate();

	static final String NOT_FOUND = "{\"type\":\"https://backendbyexample.dev/problems/product-not-found\","
			+ "\"title\":\"Product not found\",\"status\":404,\"detail\":\"No product 42\","
			+ "\"instance\":\"/products/42\"}";

	private final Catalogue catalogue;

	private final Products products;

	ProductController(Catalogue catalogue, Products products) {
		this.catalogue = catalogue;
		this.products = products;
	}

	@GetMapping
	@Operation(operationId = "listProducts", summary = "A page of the catalogue, by id",
			description = "Public and the same for everyone: any cache (browser, CDN) may keep it for 60 s.")
	@ApiResponse(responseCode = "200", description = "Up to limit products with an id above after.",
			headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "max-age=60, public",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = ProductSummary.class))))
	ResponseEntity<List<ProductSummary>> list(
			@Parameter(description = "Products with a greater id, for the next page.") @RequestParam(
					defaultValue = "0") @PositiveOrZero long after,
			@Parameter(description = "How many, 1 to 100.") @RequestParam(
					defaultValue = "20") @Positive @Max(100) int limit) {
		return ResponseEntity.ok().cacheControl(LIST_POLICY).body(this.products.page(after, limit));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getProduct", summary = "A product with its rating summary", description = """
			Read through the cache (local level, then Redis, then PostgreSQL). With If-None-Match, \
			the version is checked first, from the cache or the version column: a match answers \
			304 without the expensive query.""")
	@ApiResponse(responseCode = "200", description = "The product.",
			headers = {
					@Header(name = HttpHeaders.ETAG, description = "Strong, from the product's version.",
							schema = @Schema(type = "string", example = "\"p42-v3\"")),
					@Header(name = HttpHeaders.CACHE_CONTROL, description = "no-cache, public: store, but revalidate",
							schema = @Schema(type = "string")),
					@Header(name = X_CACHE, description = "Where it came from: local, redis, or miss (the database).",
							schema = @Schema(type = "string", allowableValues = { "local", "redis", "miss" })) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Product.class)))
	@ApiResponse(responseCode = "304", description = "Not modified: If-None-Match names the current version.",
			headers = {
					@Header(name = HttpHeaders.ETAG, description = "The current version.",
							schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.CACHE_CONTROL, description = "no-cache, public",
							schema = @Schema(type = "string")),
					@Header(name = X_CACHE, description = "Where the version came from: local, redis, or miss.",
							schema = @Schema(type = "string")) })
	@ApiResponse(responseCode = "404", description = "No such product (remembered briefly: negative caching).",
			headers = @Header(name = X_CACHE, description = "Where the answer came from.",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = @ExampleObject(value = NOT_FOUND)))
	ResponseEntity<?> product(@Parameter(description = "The product id.", example = "42") @PathVariable long id,
			@Parameter(description = "ETags the client holds.") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) @Nullable String ifNoneMatch) {
		CacheLevel.takeServed();
		if (ifNoneMatch != null) {
			ResponseEntity<?> notModified = notModified(id, ifNoneMatch);
			if (notModified != null) {
				return notModified;
			}
		}
		Product product = this.catalogue.find(id).orElseThrow(() -> new ProductNotFound(id, CacheLevel.takeServed()));
		return ResponseEntity.ok()
			.eTag(product.etag())
			.cacheControl(PRODUCT_POLICY)
			.header(X_CACHE, CacheLevel.takeServed().header())
			.body(product);
	}

	/**
	 * A 304 if the client's ETag names the product's current version, found without the
	 * expensive query (the cached product's version, or the version column); {@code null}
	 * if the client must get the product.
	 */
	private @Nullable ResponseEntity<?> notModified(long id, String ifNoneMatch) {
		// exercise:begin not-modified
		OptionalLong version = this.catalogue.version(id);
		CacheLevel level = CacheLevel.takeServed();
		if (version.isEmpty() || !EntityTags.anyMatches(ifNoneMatch, Product.etag(id, version.getAsLong()))) {
			return null;
		}
		return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
			.eTag(Product.etag(id, version.getAsLong()))
			.cacheControl(PRODUCT_POLICY)
			.header(X_CACHE, level.header())
			.build();
		// exercise:end not-modified
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createProduct", summary = "Add a product to the catalogue")
	@ApiResponse(responseCode = "201", description = "Created; a cached \"not found\" for its id is evicted.",
			headers = {
					@Header(name = HttpHeaders.LOCATION, description = "The new product.",
							schema = @Schema(type = "string", format = "uri-reference", example = "/products/10001")),
					@Header(name = HttpHeaders.ETAG, description = "Its first version.",
							schema = @Schema(type = "string")) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Product.class)))
	ResponseEntity<Product> create(@Valid @RequestBody ProductChanges body) {
		long id = this.catalogue.create(body);
		Product product = written(id);
		return ResponseEntity.created(URI.create("/products/" + product.id())).eTag(product.etag()).body(product);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "replaceProduct", summary = "Replace a product, if it is still the version you read",
			description = "Evicts it from Redis and from every instance's local level before answering.")
	@ApiResponse(responseCode = "200", description = "Replaced.",
			headers = @Header(name = HttpHeaders.ETAG, description = "The new version.",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Product.class)))
	@ApiResponse(responseCode = "404", description = "No such product.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	@ApiResponse(responseCode = "412", description = "If-Match names a version the product has moved on from.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	@ApiResponse(responseCode = "428", description = "No If-Match: send the ETag of the version you read.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	ResponseEntity<Product> replace(@Parameter(description = "The product id.") @PathVariable long id,
			@Parameter(description = "The ETag of the version you read, or *.") @RequestHeader(
					name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody ProductChanges body) {
		this.catalogue.replace(id, VersionCondition.parse(ifMatch), body);
		Product product = written(id);
		return ResponseEntity.ok().eTag(product.etag()).body(product);
	}

	/**
	 * The product as the write left it, read from the database once the eviction has run
	 * (not through the cache: the response shows the committed row, and the next read is
	 * the one that fills the cache). A concurrent delete can make it 404.
	 */
	private Product written(long id) {
		return this.products.findWithRatings(id).orElseThrow(() -> new ProductNotFound(id));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteProduct", summary = "Delete a product, if it is still the version you read")
	@ApiResponse(responseCode = "204", description = "Deleted, and evicted everywhere.")
	@ApiResponse(responseCode = "404", description = "No such product.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	@ApiResponse(responseCode = "412", description = "If-Match names a version the product has moved on from.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	@ApiResponse(responseCode = "428", description = "No If-Match.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	ResponseEntity<Void> delete(@Parameter(description = "The product id.") @PathVariable long id,
			@Parameter(description = "The ETag of the version you read, or *.") @RequestHeader(
					name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		this.catalogue.delete(id, VersionCondition.parse(ifMatch));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/{id}/reviews", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "addReview", summary = "Review a product",
			description = "Changes the product's rating summary, so its version moves on and it is evicted.")
	@ApiResponse(responseCode = "201", description = "Added.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Review.class)))
	@ApiResponse(responseCode = "404", description = "No such product.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	ResponseEntity<Review> review(@Parameter(description = "The product id.") @PathVariable long id,
			@Valid @RequestBody NewReview body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.catalogue.addReview(id, body));
	}

	@GetMapping("/{id}/my-reviews")
	@Operation(operationId = "myReviews", summary = "Your reviews of a product",
			description = "Per user: Cache-Control private, no-store, so no shared cache keeps one user's answer "
					+ "for another, and no browser keeps it on disk.")
	@ApiResponse(responseCode = "200", description = "Your reviews, newest first (at most 20).",
			headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store, private",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = Review.class))))
	ResponseEntity<List<Review>> myReviews(@Parameter(description = "The product id.") @PathVariable long id,
			@Parameter(
					description = "Who you are (a stand-in for real authentication).") @RequestHeader("X-User") @NotBlank @Size(
							max = 100) String user) {
		return ResponseEntity.ok().cacheControl(PER_USER_POLICY).body(this.products.reviewsBy(id, user));
	}

}
