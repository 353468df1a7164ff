package dev.backendbyexample.security.jwt;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's private notes. Every route is an object route, and every one looks the note up
 * by id and owner together: another user's note answers 404, exactly like a note that
 * does not exist.
 */
@RestController
@Tag(name = "Notes", description = "Private notes; the body is encrypted at rest")
class NoteController {

	static final int TITLE_MAX = 200;

	static final int BODY_MAX = 4000;

	private final Notes notes;

	NoteController(Notes notes) {
		this.notes = notes;
	}

	@PostMapping("/notes")
	@Operation(summary = "Write a note")
	@ApiResponse(responseCode = "201", description = "Written",
			headers = @Header(name = "Location", schema = @Schema(type = "string")))
	ResponseEntity<Note> create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NoteRequest request) {
		Note note = this.notes.create(ProfileController.id(token), request.title(), request.body());
		return ResponseEntity.created(URI.create("/notes/" + note.id())).body(note);
	}

	@GetMapping("/notes")
	@Operation(summary = "Your notes, oldest first")
	@ApiResponse(responseCode = "200", description = "Your notes")
	List<Note> list(@AuthenticationPrincipal Jwt token) {
		return this.notes.findAll(ProfileController.id(token));
	}

	@GetMapping("/notes/{id}")
	@Operation(summary = "One of your notes")
	@ApiResponse(responseCode = "200", description = "The note")
	Note get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.notes.find(ProfileController.id(token), id).orElseThrow(NoteNotFound::new);
	}

	@DeleteMapping("/notes/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete one of your notes")
	@ApiResponse(responseCode = "204", description = "Deleted")
	void delete(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		if (!this.notes.delete(ProfileController.id(token), id)) {
			throw new NoteNotFound();
		}
	}

	/**
	 * A new note.
	 *
	 * @param title shown in lists
	 * @param body private; encrypted at rest
	 */
	record NoteRequest(@NotBlank @Size(max = TITLE_MAX) String title, @NotNull @Size(max = BODY_MAX) String body) {

		@Override
		public String toString() {
			return "NoteRequest[title=" + this.title + "]";
		}

	}

}
