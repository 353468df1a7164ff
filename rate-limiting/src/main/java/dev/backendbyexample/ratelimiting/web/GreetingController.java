package dev.backendbyexample.ratelimiting.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample API the limiter protects: one cheap route per algorithm, so each policy can
 * be tried on its own.
 */
@RestController
class GreetingController {

	@GetMapping("/api/{route}")
	@Operation(summary = "A greeting, rate limited by the policy whose paths match",
			description = "Answers 429 with Retry-After when the caller is over the limit.")
	Map<String, String> greet(@PathVariable String route) {
		return Map.of("message", "Hello from " + route);
	}

}
