package dev.backendbyexample.security.jwt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import dev.backendbyexample.testsupport.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real headless Chromium against the real application: it logs in,
 * decodes the token, is refused the admin route, rotates, replays, forges, and writes a
 * note whose title is markup, which it must show as text. Any console error other than
 * the 401 and 403 the page provokes on purpose fails the test.
 */
@JwtIntegrationTest
class LivePageBrowserIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static HeadlessChromium browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		// The page provokes 400 (registering a taken name is not one; a 401/403 is), 401
		// and 403 on purpose; Chromium logs each as a console error.
		browser = HeadlessChromium.start(401, 403);
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@BeforeEach
	void openPage() {
		browser.open("http://localhost:" + this.port + "/");
		waitUntil((driver) -> "true".equals(body().getAttribute("data-ready")));
	}

	@AfterEach
	void pageIsQuietAndLoggedNoError() {
		waitUntil((driver) -> "0".equals(body().getAttribute("data-busy")));
		browser.assertNoConsoleErrors();
	}

	@Test
	void logInDecodeForbiddenRotateReplayAndForgeAsTheDemoDoes() {
		click("register-login");
		waitUntil((driver) -> !driver.findElements(By.cssSelector("#claims tr[data-claim='roles']")).isEmpty());
		assertThat(claim("alg")).isEqualTo("ES256");
		assertThat(claim("typ")).isEqualTo("at+jwt");
		assertThat(claim("roles")).isEqualTo("[\"USER\"]");

		click("me");
		awaitExchanges(4);
		click("admin");
		awaitExchanges(5);
		click("refresh");
		awaitExchanges(6);
		click("replay");
		awaitExchanges(8);
		click("forge");
		awaitExchanges(9);

		// Newest first: forge, the two refusals of the replay, the rotation, admin, me.
		assertThat(statuses().subList(0, 6)).containsExactly("401", "401", "401", "200", "403", "200");
		browser.screenshot("live-page", Path.of("docs", "live-page.png"));
	}

	@Test
	void noteTitleThatIsMarkupIsShownAsTextAndNeverRuns() {
		click("register-login");
		waitUntil((driver) -> driver.findElement(By.id("add-note")).isEnabled());
		String markup = "<img src=x onerror=\"document.title='pwned'\">";
		type("note-title", markup);
		type("note-body", "b");
		click("add-note");
		waitUntil((driver) -> !driver.findElements(By.cssSelector("#note-list li")).isEmpty());

		assertThat(browser.driver().findElement(By.cssSelector("#note-list li")).getText()).startsWith(markup);
		assertThat(browser.driver().findElements(By.cssSelector("#note-list img"))).isEmpty();
		assertThat(browser.driver().getTitle()).doesNotContain("pwned");
	}

	private String claim(String name) {
		return browser.driver()
			.findElement(By.cssSelector("#claims tr[data-claim='" + name + "'] td:nth-child(3)"))
			.getText();
	}

	private List<String> statuses() {
		return browser.driver()
			.findElements(By.cssSelector("#exchanges li"))
			.stream()
			.map((item) -> item.getAttribute("data-status"))
			.toList();
	}

	private void awaitExchanges(int count) {
		waitUntil((driver) -> driver.findElements(By.cssSelector("#exchanges li")).size() >= count
				&& "0".equals(body().getAttribute("data-busy")));
	}

	private void click(String id) {
		browser.driver().findElement(By.id(id)).click();
	}

	private void type(String id, String text) {
		WebElement input = browser.driver().findElement(By.id(id));
		input.clear();
		input.sendKeys(text);
	}

	private WebElement body() {
		return browser.driver().findElement(By.tagName("body"));
	}

	private static void waitUntil(Function<WebDriver, Boolean> condition) {
		new WebDriverWait(browser.driver(), TIMEOUT).until(condition);
	}

}
