package dev.backendbyexample.restvsgraphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Maps the domain's exceptions to GraphQL error classifications, as
 * {@link ProblemDetailsAdvice} maps them to HTTP statuses: a GraphQL response is 200 with
 * {@code errors[].extensions.classification} saying what went wrong. Anything else stays
 * Spring's INTERNAL_ERROR, whose message says nothing about the server.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

	/** GraphQL's answer to 412: the write named a version that is no longer current. */
	static final ErrorClassification CONFLICT = ErrorClassification.errorClassification("CONFLICT");

	@Override
	protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		ErrorClassification type = classify(ex);
		if (type == null) {
			return null;
		}
		GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError(env).errorType(type).message(ex.getMessage());
		if (ex instanceof InvalidInput invalid) {
			error.extensions(Map.of("classification", type.toSpecification(error.build()), "errors",
					invalid.errors().stream().map(GraphQlErrors::field).toList()));
		}
		return error.build();
	}

	private static @Nullable ErrorClassification classify(Throwable ex) {
		return switch (ex) {
			case UserNotFound notFound -> ErrorType.NOT_FOUND;
			case PostNotFound notFound -> ErrorType.NOT_FOUND;
			case InvalidInput invalid -> ErrorType.BAD_REQUEST;
			case InvalidCursor invalid -> ErrorType.BAD_REQUEST;
			case ConstraintViolationException invalid -> ErrorType.BAD_REQUEST;
			case VersionMismatch stale -> CONFLICT;
			case IdempotencyKeyReused reused -> CONFLICT;
			default -> null;
		};
	}

	/**
	 * As REST's {@code errors}: where (a pointer into the input, or an argument), then
	 * what.
	 */
	private static Map<String, String> field(InvalidField field) {
		Map<String, String> entry = new LinkedHashMap<>();
		if (field.pointer() != null) {
			entry.put("pointer", field.pointer());
		}
		else {
			entry.put("argument", String.valueOf(field.parameter()));
		}
		entry.put("detail", field.detail());
		return entry;
	}

}
