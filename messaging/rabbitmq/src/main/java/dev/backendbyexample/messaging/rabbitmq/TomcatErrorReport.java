package dev.backendbyexample.messaging.rabbitmq;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Makes Tomcat's own error answers Problem Details. Tomcat refuses some requests before
 * any servlet runs (a {@code %2F} or {@code %00} in the path, a malformed request line or
 * header) and answers them with its host's error report valve, an HTML page; this
 * replaces that valve with one that writes {@code application/problem+json}.
 */
@Component
class TomcatErrorReport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// Runs after Boot's customizer (order 0), which adds an HTML valve to the host.
		factory.addContextCustomizers((context) -> {
			StandardHost host = (StandardHost) context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemJsonValve());
			// At start the host adds a valve of this class unless one is there: ours.
			host.setErrorReportValveClass(ProblemJsonValve.class.getName());
		});
	}

	/**
	 * Writes the error Tomcat recorded as a problem, never the request or a stack trace.
	 */
	static final class ProblemJsonValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			// The same guards as Tomcat's own valve: only errors, only once, only if
			// nothing was written and the connection can still take a response.
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			AtomicBoolean ioAllowed = new AtomicBoolean();
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
			if (!ioAllowed.get()) {
				return;
			}
			HttpStatus known = HttpStatus.resolve(status);
			String title = (known != null) ? known.getReasonPhrase() : "Error";
			String detail = (status < 500 || status == 505)
					? "The web server refused the request before the application saw it."
					: "The web server failed to handle the request; its outcome is unknown.";
			try {
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
							+ ",\"detail\":\"" + detail + "\"}");
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client is gone or the response cannot take a body: nothing to tell.
			}
		}

	}

}
