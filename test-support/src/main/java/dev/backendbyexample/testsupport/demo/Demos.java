package dev.backendbyexample.testsupport.demo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs a scenario: for a learner ({@link #main}-style, printing) or for a test
 * (recording).
 */
public final class Demos {

	private static final Log logger = LogFactory.getLog(Demos.class);

	private Demos() {
	}

	/**
	 * Starts the application on a free port with its backing services, plays the scenario
	 * to standard output, stops the application and exits the JVM (0 when the scenario
	 * passed). Call it from a demo's {@code main}, e.g.
	 * {@code Demos.run(SpringApplication.from(App::main).with(AppServices.class), new AppScenario())}.
	 */
	public static void run(SpringApplication.Augmented application, DemoScenario scenario) {
		int exitCode = 0;
		try (ConfigurableApplicationContext context = application
			.run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--logging.level.dev.backendbyexample.testsupport=INFO")
			.getApplicationContext()) {
			scenario.play(demo(context, Narrator.toStandardOutput()));
		}
		catch (Exception ex) {
			logger.error("The demo failed: " + ex.getMessage(), ex);
			exitCode = 1;
		}
		// Brokers and pools may leave non-daemon threads behind; the demo is over anyway.
		System.exit(exitCode);
	}

	/**
	 * Plays the scenario against an application a test started, and returns the
	 * transcript.
	 */
	public static String record(ConfigurableApplicationContext context, DemoScenario scenario) throws Exception {
		Narrator narrator = Narrator.recording();
		scenario.play(demo(context, narrator));
		return narrator.transcript();
	}

	private static Demo demo(ConfigurableApplicationContext context, Narrator narrator) {
		String port = context.getEnvironment().getProperty("local.server.port");
		DemoHttp http = DemoHttp.localhost((port != null) ? Integer.parseInt(port) : 0);
		return new Demo(context, http, narrator);
	}

}
