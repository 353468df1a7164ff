package dev.backendbyexample.ratelimiting.web;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the web-edge tests need and the API lacks: a route that takes a JSON body (this
 * API's routes take none, yet the house rules for bodies must hold here too, for the
 * route that will) and a servlet filter that fails.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(WebEdgeProbe.Echo.class)
class WebEdgeProbe {

	static final String FAILING_PATH = "/boom";

	static final String SECRET = "internal detail the client must not see";

	@Bean
	OncePerRequestFilter failingFilter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (request.getRequestURI().equals(FAILING_PATH)) {
					throw new IllegalStateException(SECRET);
				}
				chain.doFilter(request, response);
			}
		};
	}

	/**
	 * A body shaped like a typical request: a bounded string, a bounded list of bounded
	 * strings, and primitives. Not named {@code Greeting}: springdoc names schemas by
	 * simple class name, and the API's own {@code GreetingController.Greeting} has it.
	 */
	record EchoRequest(@NotBlank @Size(max = 20) String name, @NotNull @Size(max = 3) List<@Size(max = 20) String> tags,
			int count, boolean loud) {
	}

	/** Echoes the body, and counts the bodies that reached it. */
	@RestController
	static class Echo {

		static final AtomicInteger received = new AtomicInteger();

		@PostMapping("/echo")
		EchoRequest echo(@Valid @RequestBody EchoRequest request) {
			received.incrementAndGet();
			return request;
		}

	}

}
