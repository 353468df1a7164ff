package dev.backendbyexample.messaging.rabbitmq;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inspects and replays the dead-letter queue.
 */
@RestController
@Validated
@RequestMapping(path = "/api/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Dead letters", description = "Messages no consumer could apply: inspect them, fix the cause, replay.")
class DeadLetterController {

	static final String NOT_FOUND = "{\"type\":\"https://backendbyexample.dev/problems/dead-letter-not-found\","
			+ "\"title\":\"Dead letter not found\",\"status\":404,\"detail\":\"No dead letter 42\","
			+ "\"instance\":\"/api/dead-letters/42\"}";

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	@Operation(operationId = "listDeadLetters", summary = "The latest dead letters, newest first")
	@ApiResponse(responseCode = "200", description = "The dead letters.")
	List<DeadLetter> list(@Parameter(description = "How many, 1 to 500.") @RequestParam(
			defaultValue = "100") @Min(1) @Max(500) int limit) {
		return this.deadLetters.list(limit);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getDeadLetter", summary = "One dead letter")
	@ApiResponse(responseCode = "200", description = "The dead letter.")
	@ApiResponse(responseCode = "404", description = "No such dead letter.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = @ExampleObject(value = NOT_FOUND)))
	DeadLetter get(@PathVariable long id) {
		return this.deadLetters.find(id);
	}

	@PostMapping("/{id}/replay")
	@Operation(operationId = "replayDeadLetter", summary = "Publish a dead letter again to the queue it came from",
			description = "With its message id, as a first attempt, confirmed by the broker before this answers. "
					+ "A consumer that had applied it already skips it (idempotent consumer).")
	@ApiResponse(responseCode = "200", description = "Published and confirmed; replayedAt is set.")
	@ApiResponse(responseCode = "404", description = "No such dead letter.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA),
					examples = @ExampleObject(value = NOT_FOUND)))
	@ApiResponse(responseCode = "409", description = "Replayed already; a second replay would publish it twice.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	@ApiResponse(responseCode = "503", description = "The broker did not confirm the replay; it can be retried.",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_SCHEMA)))
	DeadLetter replay(@PathVariable long id) {
		return this.deadLetters.replay(id);
	}

}
