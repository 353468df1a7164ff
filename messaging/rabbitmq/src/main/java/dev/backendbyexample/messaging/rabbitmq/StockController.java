package dev.backendbyexample.messaging.rabbitmq;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The warehouse's stock: what fulfilment takes from, and what a restock puts back.
 */
@RestController
@Validated
@RequestMapping(path = "/api/stock", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Stock", description = "What the warehouse holds; fulfilment fails (and is retried) without it.")
class StockController {

	private final Warehouse warehouse;

	StockController(Warehouse warehouse) {
		this.warehouse = warehouse;
	}

	@GetMapping("/{sku}")
	@Operation(operationId = "getStock", summary = "How many of a SKU the warehouse holds")
	@ApiResponse(responseCode = "200", description = "The stock.")
	@ApiResponse(responseCode = "404", description = "No such SKU.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	Stock get(@PathVariable @Pattern(regexp = "[A-Z0-9-]{1,20}") String sku) {
		return new Stock(sku, this.warehouse.available(sku).orElseThrow(() -> new SkuNotFound(sku)));
	}

	@PutMapping(path = "/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "setStock", summary = "Set how many of a SKU the warehouse holds (a restock)")
	@ApiResponse(responseCode = "200", description = "The stock now.")
	Stock set(@PathVariable @Pattern(regexp = "[A-Z0-9-]{1,20}") String sku, @Valid @RequestBody Restock restock) {
		this.warehouse.restock(sku, restock.available());
		return new Stock(sku, restock.available());
	}

	/** The stock of one SKU. */
	record Stock(String sku, int available) {

	}

	/** A restock: the new quantity on hand. */
	record Restock(
			@Schema(example = "10", minimum = "0", maximum = "1000000000") @Min(0) @Max(1_000_000_000) int available) {

	}

}
