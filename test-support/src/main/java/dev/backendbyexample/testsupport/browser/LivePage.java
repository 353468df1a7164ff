package dev.backendbyexample.testsupport.browser;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Logs where a module's live page is once the application is ready, so that
 * {@code ./bbe run <module>} prints the address to open: add it with
 * {@code SpringApplication.from(App::main).with(AppServices.class, LivePage.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class LivePage {

	private static final Log logger = LogFactory.getLog(LivePage.class);

	@Bean
	ApplicationListener<ApplicationReadyEvent> livePageAddress(Environment environment) {
		return (event) -> {
			String port = environment.getProperty("local.server.port");
			if (port != null) {
				String path = environment.getProperty("server.servlet.context-path", "");
				logger.info("Live page: http://localhost:" + port + path + "/");
			}
		};
	}

}
