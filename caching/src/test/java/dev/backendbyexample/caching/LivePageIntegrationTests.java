package dev.backendbyexample.caching;

import java.nio.file.Path;
import java.time.Duration;
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
 * The live page in a real headless Chromium against the real application: each test
 * clicks, waits for the page to be idle, and reads what it drew; any console error fails
 * it (but the 412 the page provokes on purpose).
 */
@CachingIntegrationTest
class LivePageIntegrationTests {

	private static HeadlessChromium browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChromium.start(412);
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@BeforeEach
	void openPage() {
		browser.open("http://localhost:" + this.port + "/");
		waitUntil((driver) -> !driver.findElements(By.cssSelector("#counters dd")).isEmpty());
	}

	@AfterEach
	void pageLoggedNoError() {
		browser.assertNoConsoleErrors();
	}

	@Test
	void readsShowEachLevelRevalidationIs304AndAStaleUpdateIs412() {
		setProduct("101");
		click("read");
		click("read");
		click("revalidate");
		click("update");
		click("stale");
		click("read");

		assertThat(browser.driver()
			.findElements(By.cssSelector("#log li.exchange"))
			.stream()
			.map((item) -> item.getAttribute("data-status") + " " + item.getAttribute("data-level"))
			.toList()).containsExactly("200 miss", "412 none", "200 none", "304 local", "200 local", "200 miss");
		assertThat(browser.driver().findElement(By.id("product-line")).getText()).startsWith("#101 Product 101")
			.contains("ETag \"p101-v2\"");
		assertThat(browser.driver().findElements(By.cssSelector("#timeline rect.read-bar"))).hasSize(6);
	}

	@Test
	void stampedeDrawsTheLoadsOfEachProtection() {
		// a few reads first, for the screenshot
		click("read");
		click("read");
		click("revalidate");
		click("stampede-all");

		WebElement none = bar("none");
		assertThat(Integer.parseInt(none.getAttribute("data-loads"))).isGreaterThan(1);
		assertThat(bar("per-instance").getAttribute("data-loads")).isEqualTo("1");
		assertThat(bar("fleet").getAttribute("data-loads")).isEqualTo("1");
		assertThat(counter("database queries")).isPositive();
		browser.screenshot("caching-live-page", Path.of("docs", "live-page.png"));
	}

	private WebElement bar(String protection) {
		return browser.driver().findElement(By.cssSelector("#loads rect[data-protection='" + protection + "']"));
	}

	private long counter(String name) {
		return Long.parseLong(
				browser.driver().findElement(By.cssSelector("#counters dd[data-counter='" + name + "']")).getText());
	}

	private void setProduct(String id) {
		WebElement input = browser.driver().findElement(By.id("product"));
		input.clear();
		input.sendKeys(id);
	}

	private void click(String id) {
		browser.driver().findElement(By.id(id)).click();
		waitUntil((driver) -> "0".equals(driver.findElement(By.tagName("body")).getAttribute("data-busy")));
	}

	private static void waitUntil(Function<WebDriver, Boolean> condition) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(condition::apply);
	}

}
