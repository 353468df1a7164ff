package dev.backendbyexample.ratelimiting.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample API the limiter protects: one cheap route per algorithm, so each policy can
 * be tried on its own.
 */
@RestController
@Tag(name = ApiDocumentation.LIMITED_TAG,
		description = "One cheap route per algorithm; the policy whose paths match limits it.")
class GreetingController {

	@GetMapping(path = "/api/{route}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "greet", summary = "A greeting, rate limited by the policy whose paths match",
			description = "The routes /api/token-bucket, /api/fixed-window, /api/sliding-window-log, "
					+ "/api/sliding-window-counter and /api/leaky-bucket each have a policy of 10 requests "
					+ "per 5 seconds per client; any other route answers unlimited. A leaky-bucket request "
					+ "may wait for its turn before it is answered.")
	@ApiResponse(responseCode = "200", description = "Admitted.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Greeting.class),
					examples = @ExampleObject(value = "{\"message\":\"Hello from token-bucket\"}")))
	Greeting greet(@Parameter(description = "The route; its name picks the policy.",
			example = "token-bucket") @PathVariable String route) {
		return new Greeting("Hello from " + route);
	}

	/**
	 * What an admitted request gets.
	 *
	 * @param message a greeting naming the route
	 */
	record Greeting(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String message) {
	}

}
