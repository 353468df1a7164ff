package dev.backendbyexample.testsupport;

import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Where local-mode addresses come from: environment variables such as
 * {@code BBE_REDIS_PORT}, or the matching system property ({@code bbe.redis.port});
 * loopback defaults otherwise.
 */
final class LocalSettings {

	private final UnaryOperator<@Nullable String> lookup;

	private LocalSettings(UnaryOperator<@Nullable String> lookup) {
		this.lookup = lookup;
	}

	static LocalSettings fromEnvironment() {
		return new LocalSettings((name) -> {
			String value = System.getenv(name);
			return (value != null) ? value : System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
		});
	}

	static LocalSettings of(Map<String, String> values) {
		return new LocalSettings(values::get);
	}

	String get(String name, String fallback) {
		String value = this.lookup.apply(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	@Nullable String get(String name) {
		String value = this.lookup.apply(name);
		return (value == null || value.isBlank()) ? null : value;
	}

	int port(String name, int fallback) {
		return Integer.parseInt(get(name, Integer.toString(fallback)));
	}

}
