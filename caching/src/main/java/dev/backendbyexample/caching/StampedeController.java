package dev.backendbyexample.caching;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs a stampede on demand, for the demo and the live page.
 */
@RestController
@Tag(name = "Stampede", description = "Many concurrent readers of one cold key, and how many loads they cause.")
class StampedeController {

	private final Stampedes stampedes;

	StampedeController(Stampedes stampedes) {
		this.stampedes = stampedes;
	}

	@PostMapping(path = "/stampedes", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "runStampede", summary = "Evict a product, then read it with many concurrent readers",
			description = """
					The readers run in this instance, on virtual threads; every load waits until all readers \
					have arrived, so they are truly concurrent with it. Answers how many loads reached the \
					database.""")
	@ApiResponse(responseCode = "200", description = "The run's loads.",
			headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = StampedeResult.class)))
	ResponseEntity<StampedeResult> run(@Valid @RequestBody StampedeRequest request) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(this.stampedes.coldRun(request.productId(), request.readers(), request.protection()));
	}

}
