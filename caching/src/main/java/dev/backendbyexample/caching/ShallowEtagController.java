package dev.backendbyexample.caching;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The same product behind Spring's {@link ShallowEtagHeaderFilter}, for comparison: the
 * filter hashes the body the handler already produced, so a matching
 * {@code If-None-Match} saves the bytes on the wire but not the query behind them.
 */
@RestController
@Tag(name = "Comparison", description = "ETags computed after the fact, by hashing the body.")
class ShallowEtagController {

	private final Products products;

	ShallowEtagController(Products products) {
		this.products = products;
	}

	@GetMapping(path = "/shallow-etag/products/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getProductShallowEtag",
			summary = "A product, uncached, with an ETag hashed from the body by ShallowEtagHeaderFilter")
	@ApiResponse(responseCode = "200", description = "The product; the query ran.",
			headers = @Header(name = HttpHeaders.ETAG, description = "An MD5 of the body.",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Product.class)))
	@ApiResponse(responseCode = "304", description = "Not modified; the query ran all the same.",
			headers = @Header(name = HttpHeaders.ETAG, description = "An MD5 of the body.",
					schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such product.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	ResponseEntity<Product> product(@Parameter(description = "The product id.") @PathVariable long id,
			@Parameter(description = "ETags the client holds.") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) String ifNoneMatch) {
		return ResponseEntity.ok(this.products.findWithRatings(id).orElseThrow(() -> new ProductNotFound(id)));
	}

	@Bean
	static FilterRegistrationBean<ShallowEtagHeaderFilter> shallowEtagHeaderFilter() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/shallow-etag/*");
		return registration;
	}

}
