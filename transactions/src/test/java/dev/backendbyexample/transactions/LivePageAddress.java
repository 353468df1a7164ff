package dev.backendbyexample.transactions;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Says where the live page is once the application is ready, so that
 * {@code ./bbe run transactions} prints its address.
 */
class LivePageAddress implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(LivePageAddress.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
		logger.info("Live page: http://localhost:" + port + "/ (concurrent transfers per strategy, and the "
				+ "isolation anomaly matrix)");
	}

}
