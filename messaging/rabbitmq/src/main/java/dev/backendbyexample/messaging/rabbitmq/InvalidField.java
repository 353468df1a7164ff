package dev.backendbyexample.messaging.rabbitmq;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One entry of a 400's {@code errors}: which field of the body (or which query parameter
 * or header) and what is wrong with it, in JSON's words: Jackson's own messages name Java
 * classes, which a client cannot use.
 *
 * @param pointer where in the body, as a JSON pointer ({@code /owner}, {@code /items/0})
 * @param parameter or which query parameter or header
 * @param detail what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InvalidField(@Nullable String pointer, @Nullable String parameter, String detail) {

	static InvalidField of(FieldError error) {
		// Bean Validation says tags[0].name; a JSON pointer says /tags/0/name.
		String pointer = "/" + error.getField().replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
		return new InvalidField(pointer, null, String.valueOf(error.getDefaultMessage()));
	}

	static List<InvalidField> of(ParameterValidationResult result) {
		if (result instanceof ParameterErrors body) {
			return body.getFieldErrors().stream().map(InvalidField::of).toList();
		}
		MethodParameter parameter = result.getMethodParameter();
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
		String name = (header != null && !header.name().isEmpty()) ? header.name()
				: (query != null && !query.name().isEmpty()) ? query.name() : parameter.getParameterName();
		return result.getResolvableErrors()
			.stream()
			.map((error) -> new InvalidField(null, name, String.valueOf(error.getDefaultMessage())))
			.toList();
	}

	static InvalidField of(TypeMismatchException ex) {
		return new InvalidField(null, ex.getPropertyName(), expected(ex.getRequiredType()));
	}

	static InvalidField of(JacksonException ex) {
		String pointer = ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : String.valueOf(ref.getIndex()))
			.collect(Collectors.joining("/", "/", ""));
		return new InvalidField(pointer, null, (ex instanceof UnrecognizedPropertyException) ? "unknown property"
				: expected((ex instanceof MismatchedInputException mismatch) ? mismatch.getTargetType() : null));
	}

	private static String expected(@Nullable Class<?> target) {
		Class<?> type = (target != null) ? ClassUtils.resolvePrimitiveIfNecessary(target) : Object.class;
		if (type == String.class) {
			return "must be a string";
		}
		if (type == Boolean.class) {
			return "must be true or false";
		}
		if (List.of(Long.class, Integer.class, Short.class, Byte.class, BigInteger.class).contains(type)) {
			return "must be a whole number";
		}
		return Number.class.isAssignableFrom(type) ? "must be a number" : "has the wrong type or shape";
	}

}
