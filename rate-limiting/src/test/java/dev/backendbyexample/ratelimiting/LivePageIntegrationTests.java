package dev.backendbyexample.ratelimiting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.backendbyexample.testsupport.browser.HeadlessChromium;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live page in a real headless Chromium against the real application and Redis: each
 * test clicks a button and reads what the page drew (the counters and the blocks of each
 * chart), and any browser console error fails it. A fresh page per test means a fresh
 * {@code X-API-Key}, so every algorithm starts afresh.
 */
// The page is under test here, not the outage handling (RedisOutageIntegrationTests): on
// a
// loaded machine a 250 ms command timeout would open the circuit mid-burst and fail open.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "rate-limiting.redis.command-timeout=3s")
@Import(RateLimitingServices.class)
class LivePageIntegrationTests {

	private static final List<String> ANSWER_AT_ONCE = List.of("fixed-window", "sliding-window-log",
			"sliding-window-counter", "token-bucket");

	private static final String LEAKY_BUCKET = "leaky-bucket";

	// Bounds, not expectations: the leaky bucket serves 20 requests at 2 per second.
	private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(40);

	private static HeadlessChromium browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		// The page provokes 429s on purpose; Chromium logs each as a console error.
		browser = HeadlessChromium.start(429);
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@BeforeEach
	void openPage() {
		limiterAnswersFromRedis();
		browser.open("http://localhost:" + this.port + "/");
		waitUntil((driver) -> driver.findElements(By.cssSelector("section.algorithm")).size() == 5);
	}

	@AfterEach
	void pageIsQuietAndLoggedNoError() {
		// Leaving with requests in flight would abort them; the next test's page would
		// share the browser's connections with them.
		waitUntil((driver) -> "0".equals(body().getAttribute("data-running"))
				&& "0".equals(body().getAttribute("data-in-flight")));
		browser.assertNoConsoleErrors();
	}

	@Test
	void oneRequestShowsEveryAlgorithmsPolicyAndStateFromTheHeaders() {
		click("one");
		waitUntilEveryAlgorithmAnswered(1);
		for (String policy : ANSWER_AT_ONCE) {
			assertThat(text(policy, ".counts")).isEqualTo("1 admitted · 0 rejected");
			assertThat(text(policy, ".policy")).isEqualTo("10 per 5 s");
			assertThat(text(policy, ".state-value")).startsWith("9 of 10");
			assertThat(blocks(policy, "admitted")).isOne();
		}
		assertThat(text(LEAKY_BUCKET, ".counts")).isEqualTo("1 admitted · 0 rejected");
		// Its one request left the queue as it was admitted: level 1 of 10 as reported.
		assertThat(text(LEAKY_BUCKET, ".state-value")).startsWith("1 of 10");
	}

	@Test
	void burstOfTwentyAdmitsExactlyTenAndRejectsTenAndCountsDownTheRetryAfter() {
		// A burst that straddles a window edge gets a fresh allowance half-way in the
		// fixed window (that is the next test): start it early in a window.
		awaitEarlyInAFiveSecondWindow();
		click("burst");
		waitUntil((driver) -> ANSWER_AT_ONCE.stream().allMatch((policy) -> answered(policy) == 20));
		for (String policy : ANSWER_AT_ONCE) {
			assertThat(text(policy, ".counts")).as(policy).isEqualTo("10 admitted · 10 rejected");
			assertThat(blocks(policy, "admitted")).as(policy).isEqualTo(10);
			assertThat(blocks(policy, "rejected")).as(policy).isEqualTo(10);
		}
		// The log's oldest entry leaves the window 5 s after the burst: Retry-After 5,
		// and the page counts it down.
		waitUntil((driver) -> section("sliding-window-log").findElement(By.cssSelector(".retry")).isDisplayed());
		assertThat(text("sliding-window-log", ".retry")).matches("429 · Retry-After: 5 · retry in [0-5]\\.\\d s");
		browser.screenshot("rate-limiting-live-page", Path.of("docs", "live-page.png"));

		waitUntilEveryAlgorithmAnswered(20);
		// The page lets 4 leaky-bucket requests wait at once (a browser has 6 connections
		// per server), the queue never fills, and all 20 are served at the drain rate.
		assertThat(text(LEAKY_BUCKET, ".counts")).isEqualTo("20 admitted · 0 rejected");
		assertThat(blocks(LEAKY_BUCKET, "admitted")).isEqualTo(20);
	}

	@Test
	void burstAcrossAWindowEdgeLetsTheFixedWindowAdmitTwiceItsLimit() {
		click("edge");
		waitUntilEveryAlgorithmAnswered(20);
		assertThat(text("fixed-window", ".counts")).isEqualTo("20 admitted · 0 rejected");
		assertThat(text("sliding-window-log", ".counts")).isEqualTo("10 admitted · 10 rejected");
		assertThat(text(LEAKY_BUCKET, ".counts")).isEqualTo("20 admitted · 0 rejected");
	}

	@Test
	void steadyFivePerSecondLetsTheTokenBucketRefillWhileTheLogStaysAtTen() {
		click("steady");
		waitUntilEveryAlgorithmAnswered(20);
		// 20 requests within 4 s: all inside one 5 s window for the log.
		assertThat(text("sliding-window-log", ".counts")).isEqualTo("10 admitted · 10 rejected");
		// Refilling 2 tokens per second, the bucket admits more than its burst of 10.
		assertThat(count("token-bucket", ".admitted")).isGreaterThan(10);
		assertThat(text(LEAKY_BUCKET, ".counts")).isEqualTo("20 admitted · 0 rejected");
	}

	/**
	 * The limiter connects to Redis on first use; a request that carries a
	 * {@code RateLimit} header was decided there (one failing open carries none).
	 */
	private void limiterAnswersFromRedis() {
		RestClient http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		String client = "readiness-" + UUID.randomUUID();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get()
				.uri("/api/token-bucket")
				.header("X-API-Key", client)
				.retrieve()
				.toBodilessEntity()
				.getHeaders()
				.containsHeader("RateLimit"));
	}

	/**
	 * The policies' windows are 5 s, aligned to the epoch on Redis's clock, which is this
	 * machine's clock.
	 */
	private static void awaitEarlyInAFiveSecondWindow() {
		await().atMost(Duration.ofSeconds(6))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> System.currentTimeMillis() % 5000 < 500);
	}

	private static void click(String button) {
		browser.driver().findElement(By.id(button)).click();
	}

	/**
	 * Waits until every algorithm has drawn the answers to all {@code requests} and the
	 * page is idle: "not running" alone can be read before a click's first request
	 * starts, or while the last leaky-bucket answer is still on its way.
	 */
	private static void waitUntilEveryAlgorithmAnswered(int requests) {
		waitUntil((driver) -> Stream.concat(ANSWER_AT_ONCE.stream(), Stream.of(LEAKY_BUCKET))
			.allMatch((policy) -> answered(policy) == requests) && "0".equals(body().getAttribute("data-running"))
				&& "0".equals(body().getAttribute("data-in-flight")));
	}

	private static void waitUntil(Function<WebDriver, Boolean> condition) {
		new WebDriverWait(browser.driver(), ACTION_TIMEOUT, Duration.ofMillis(100)).until(condition);
	}

	private static WebElement body() {
		return browser.driver().findElement(By.tagName("body"));
	}

	private static WebElement section(String policy) {
		return browser.driver().findElement(By.cssSelector("section[data-policy='" + policy + "']"));
	}

	private static String text(String policy, String css) {
		return section(policy).findElement(By.cssSelector(css)).getText().replaceAll("\\s+", " ").strip();
	}

	private static int count(String policy, String css) {
		return Integer.parseInt(text(policy, ".counts " + css));
	}

	private static int answered(String policy) {
		return count(policy, ".admitted") + count(policy, ".rejected");
	}

	private static int blocks(String policy, String outcome) {
		return section(policy).findElements(By.cssSelector(".chart rect.mark." + outcome)).size();
	}

}
