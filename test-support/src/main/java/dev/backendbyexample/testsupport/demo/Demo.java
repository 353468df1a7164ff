package dev.backendbyexample.testsupport.demo;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a scenario plays with: the running application, an HTTP client pointed at it (when
 * it serves HTTP) and the narrator.
 *
 * @param context the running application
 * @param http a client for its HTTP port
 * @param narrator where the transcript goes
 */
public record Demo(ConfigurableApplicationContext context, DemoHttp http, Narrator narrator) {

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

}
