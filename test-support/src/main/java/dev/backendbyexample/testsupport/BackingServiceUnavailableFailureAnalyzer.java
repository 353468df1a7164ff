package dev.backendbyexample.testsupport;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a service that is down into Spring Boot's short "APPLICATION FAILED TO START"
 * report, instead of a stack trace a learner has to dig through.
 */
class BackingServiceUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<BackingServiceUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BackingServiceUnavailableException cause) {
		String message = cause.getMessage();
		int action = message.indexOf(" Start it with");
		return new FailureAnalysis(message.substring(0, action), message.substring(action + 1).trim(), cause);
	}

}
