package dev.backendbyexample.transactions;

import java.net.URI;
import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Bounded load runs for the live page: {@code POST /load-runs} starts one, its samples
 * arrive as Server-Sent Events on {@code GET /load-runs/{id}/events}, or all at once from
 * {@code GET /load-runs/{id}}.
 */
@RestController
@RequestMapping("/load-runs")
@Tag(name = "Load runs", description = "The live page's bounded load: many transfers between a few hot accounts "
		+ "with one strategy, sampled while they run.")
class LoadRunController {

	/** Longer than any run, so a stream is never cut before its {@code done} event. */
	private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(LoadRunRequest.MAX_SECONDS + 30);

	private final LoadRuns runs;

	LoadRunController(LoadRuns runs) {
		this.runs = runs;
	}

	@PostMapping
	@Operation(operationId = "startLoadRun", summary = "Start a bounded load run",
			description = "Opens a few hot accounts of 100.00 for the run, then moves random amounts between them "
					+ "with the given strategy from `concurrency` threads, until `transfers` are done or `seconds` "
					+ "have passed. One run at a time.")
	@ApiResponse(responseCode = "201", description = "Started; Location is the run.",
			headers = @Header(name = "Location", description = "The run.",
					schema = @Schema(type = "string", format = "uri-reference", example = "/load-runs/1")))
	@ApiResponse(responseCode = "400", description = "A field is missing or out of bounds",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "Another run has not finished yet",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<LoadRun.Snapshot> start(@Valid @RequestBody LoadRunRequest request) {
		LoadRun run = this.runs.start(request.plan());
		return ResponseEntity.created(URI.create("/load-runs/" + run.id())).body(run.snapshot(true));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getLoadRun", summary = "A load run and every sample it has taken so far")
	@ApiResponse(responseCode = "200", description = "The run")
	@ApiResponse(responseCode = "404", description = "No such run (only the last 10 are kept)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	LoadRun.Snapshot run(@PathVariable long id) {
		return this.runs.find(id).snapshot(true);
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "streamLoadRunEvents", summary = "A load run's samples as Server-Sent Events",
			description = "Replays the samples taken so far, then sends one `sample` event about every 200 ms, "
					+ "then one `done` event with the run's summary, and ends.")
	@ApiResponse(responseCode = "200", description = "`sample` events, then one `done` event",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string",
							description = "Server-Sent Events: each `sample` event's data is a Sample (JSON), the "
									+ "`done` event's data the run's Snapshot (JSON, its samples empty).",
							example = "event:sample\ndata:{\"elapsedMillis\":200,\"completed\":40,\"accepted\":40,"
									+ "\"rejected\":0,\"conflicted\":0,\"failed\":0,\"retries\":0,\"total\":40000,"
									+ "\"balances\":[9000,11000,10000,10000]}\n\n")))
	@ApiResponse(responseCode = "404", description = "No such run (only the last 10 are kept)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	SseEmitter events(@PathVariable long id) {
		LoadRun run = this.runs.find(id);
		SseEmitter stream = new SseEmitter(STREAM_TIMEOUT.toMillis());
		run.subscribe(stream);
		return stream;
	}

}
