package dev.backendbyexample.security.jwt;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says, at every start, when the committed development keys are in use: anyone can read
 * them in the repository, so anyone could sign tokens this application accepts.
 */
@Component
class DevelopmentKeyWarning {

	private static final Log logger = LogFactory.getLog(DevelopmentKeyWarning.class);

	private final JwtProperties properties;

	DevelopmentKeyWarning(JwtProperties properties) {
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warn() {
		if (this.properties.signing().activeKeyId().startsWith("dev-")
				|| this.properties.encryption().activeKeyId().startsWith("dev-")) {
			logger.warn("Signing or encrypting with a DEVELOPMENT key committed to the repository: "
					+ "never in production (see dev-keys/README.md)");
		}
	}

}
