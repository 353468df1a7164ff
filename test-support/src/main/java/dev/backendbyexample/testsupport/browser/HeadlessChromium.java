package dev.backendbyexample.testsupport.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium driven through Selenium that fails the test on any browser console
 * error and takes the screenshots a module README shows.
 *
 * <p>
 * Use it in try-with-resources: {@link #close()} quits the browser, deletes its profile
 * and then throws if the page logged an error, so a test cannot forget to look.
 */
public final class HeadlessChromium implements AutoCloseable {

	static final String CHROMIUM_ENV = "BBE_CHROMIUM";

	static final String CHROMEDRIVER_ENV = "BBE_CHROMEDRIVER";

	/**
	 * {@code -Dbbe.screenshots=update} also writes screenshots to their committed path.
	 */
	public static final String SCREENSHOTS_PROPERTY = "bbe.screenshots";

	// Chromium logs every non-2xx answer to fetch() as an error; a page that shows 429s
	// on
	// purpose declares them expected, anything else stays an error.
	private static final Pattern HTTP_STATUS = Pattern.compile("the server responded with a status of (\\d{3})");

	private final ChromeDriver driver;

	private final Path profile;

	private final Set<Integer> expectedHttpStatuses;

	private final List<String> consoleErrors = new ArrayList<>();

	private final List<String> unreported = new ArrayList<>();

	private HeadlessChromium(ChromeDriver driver, Path profile, Set<Integer> expectedHttpStatuses) {
		this.driver = driver;
		this.profile = profile;
		this.expectedHttpStatuses = expectedHttpStatuses;
	}

	/**
	 * Starts Debian's Chromium ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver},
	 * or {@code BBE_CHROMIUM} / {@code BBE_CHROMEDRIVER}).
	 * @param expectedHttpStatuses HTTP error statuses the page provokes on purpose (e.g.
	 * 429), which Chromium would otherwise log as console errors
	 * @return the running browser
	 */
	public static HeadlessChromium start(Integer... expectedHttpStatuses) {
		return start(setting(CHROMIUM_ENV, "/usr/bin/chromium"), setting(CHROMEDRIVER_ENV, "/usr/bin/chromedriver"),
				Set.of(expectedHttpStatuses));
	}

	static HeadlessChromium start(Path chromium, Path chromedriver, Set<Integer> expectedHttpStatuses) {
		requireExecutable("Chromium", chromium);
		requireExecutable("chromedriver", chromedriver);
		Path profile = createProfile();
		ChromeOptions options = new ChromeOptions();
		// Both paths given: Selenium Manager, which would try to download a driver, never
		// runs.
		options.setBinary(chromium.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,1000", "--user-data-dir=" + profile);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		try {
			return new HeadlessChromium(new ChromeDriver(service, options), profile, expectedHttpStatuses);
		}
		catch (RuntimeException ex) {
			deleteRecursively(profile);
			throw ex;
		}
	}

	/**
	 * The Selenium driver, for finding elements and clicking.
	 * @return the driver
	 */
	public WebDriver driver() {
		return this.driver;
	}

	/**
	 * Opens a page.
	 * @param url the address
	 * @return this browser
	 */
	public HeadlessChromium open(String url) {
		this.driver.get(url);
		return this;
	}

	/**
	 * The errors the browser console showed so far (console.error, uncaught exceptions,
	 * failed requests that were not expected).
	 * @return the messages, oldest first
	 */
	public List<String> consoleErrors() {
		for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expected(entry.getMessage())) {
				this.consoleErrors.add(entry.getMessage());
				this.unreported.add(entry.getMessage());
			}
		}
		return List.copyOf(this.consoleErrors);
	}

	/**
	 * Fails if the browser console showed an error since the last check, e.g. after each
	 * test when one browser serves a whole test class.
	 * @throws AssertionError naming every such error
	 */
	public void assertNoConsoleErrors() {
		consoleErrors();
		reportUnreported();
	}

	private void reportUnreported() {
		List<String> errors = List.copyOf(this.unreported);
		this.unreported.clear();
		if (!errors.isEmpty()) {
			throw new AssertionError(
					"The browser console showed " + errors.size() + " error(s):\n  " + String.join("\n  ", errors));
		}
	}

	/**
	 * Saves a screenshot as {@code target/screenshots/<name>.png}.
	 * @param name the file name without extension
	 * @return the file written
	 */
	public Path screenshot(String name) {
		return screenshot(name, null);
	}

	/**
	 * Saves a screenshot as {@code target/screenshots/<name>.png} and, when run with
	 * {@code -Dbbe.screenshots=update}, also to {@code committed} (e.g.
	 * {@code docs/live-page.png} of the module, shown in its README).
	 * @param name the file name without extension
	 * @param committed where the README's copy lives, relative to the module
	 * @return the file written under {@code target/}
	 */
	public Path screenshot(String name, @Nullable Path committed) {
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		Path file = write(Path.of("target", "screenshots", name + ".png"), png);
		if (committed != null && "update".equals(System.getProperty(SCREENSHOTS_PROPERTY))) {
			write(committed, png);
		}
		return file;
	}

	/**
	 * Quits the browser, deletes its profile, then fails if the console showed an error
	 * that no {@link #assertNoConsoleErrors()} reported yet.
	 * @throws AssertionError naming every such error
	 */
	@Override
	public void close() {
		try {
			consoleErrors();
		}
		finally {
			this.driver.quit();
			deleteRecursively(this.profile);
		}
		reportUnreported();
	}

	private boolean expected(String message) {
		Matcher status = HTTP_STATUS.matcher(message);
		return status.find() && this.expectedHttpStatuses.contains(Integer.parseInt(status.group(1)));
	}

	private static Path setting(String env, String fallback) {
		String value = System.getenv(env);
		if (value == null || value.isBlank()) {
			value = System.getProperty(env.toLowerCase(Locale.ROOT).replace('_', '.'), fallback);
		}
		return Path.of(value);
	}

	private static void requireExecutable(String what, Path path) {
		if (!Files.isExecutable(path)) {
			throw new ChromiumNotInstalled(what, path);
		}
	}

	// A fresh profile per browser: no cache, cookies or local storage leak between tests.
	private static Path createProfile() {
		try {
			return Files.createTempDirectory("bbe-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path write(Path file, byte[] bytes) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			return Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A profile left in the temp directory is harmless; the test result matters
			// more.
		}
	}

}
