package dev.backendbyexample.messaging.rabbitmq;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Places orders and shows what became of their messages.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders", description = "Place orders; each is published once to the orders exchange.")
class OrderController {

	static final String ORDER_NOT_FOUND = "{\"type\":\"https://backendbyexample.dev/problems/order-not-found\","
			+ "\"title\":\"Order not found\",\"status\":404,"
			+ "\"detail\":\"No order 0b7e0f4e-8f0e-4a3c-9d5e-2f1f3f9b8a11\","
			+ "\"instance\":\"/api/orders/0b7e0f4e-8f0e-4a3c-9d5e-2f1f3f9b8a11\"}";

	private final OrderService orders;

	private final Outbox outbox;

	OrderController(OrderService orders, Outbox outbox) {
		this.orders = orders;
		this.outbox = outbox;
	}

	@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "placeOrder", summary = "Place an order",
			description = "Stores the order and its message in one transaction (the outbox); the relay publishes "
					+ "the message to the topic exchange 'orders' with the key order.<region>.<priority>, with "
					+ "publisher confirms and mandatory. The answer may come before the broker's confirm: "
					+ "publication says where it stands.")
	@ApiResponse(responseCode = "201", description = "Stored; its message is in the outbox or already published.",
			headers = @Header(name = "Location", description = "The order.",
					schema = @Schema(type = "string", format = "uri-reference")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Order.class)))
	ResponseEntity<Order> place(@Valid @RequestBody PlaceOrder order) {
		UUID id = this.orders.place(order);
		return ResponseEntity.created(URI.create("/api/orders/" + id)).body(this.orders.find(id));
	}

	@GetMapping("/orders/{id}")
	@Operation(operationId = "getOrder", summary = "An order, its publication state and the consumers that applied it")
	@ApiResponse(responseCode = "200", description = "The order.")
	@ApiResponse(responseCode = "404", description = "No such order.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = @ExampleObject(value = ORDER_NOT_FOUND)))
	Order order(@PathVariable UUID id) {
		return this.orders.find(id);
	}

	@GetMapping("/publications")
	@Operation(operationId = "getPublications", summary = "What the publisher knows about every message",
			description = "Confirmed by the broker, still pending (published again until confirmed), or returned "
					+ "as unroutable; every message not confirmed is listed with its last error.")
	@ApiResponse(responseCode = "200", description = "The counts and the messages not confirmed.")
	Publications publications() {
		return this.outbox.report(100);
	}

}
