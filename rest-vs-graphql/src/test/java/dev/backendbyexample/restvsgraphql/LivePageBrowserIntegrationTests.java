package dev.backendbyexample.restvsgraphql;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.backendbyexample.testsupport.browser.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live page in a real headless Chromium, on the real application and PostgreSQL: the
 * feed played from the browser every way, and what the page drew checked against the
 * structure the comparison tests assert (batched: 3 statements; no batching: 1 + 2N;
 * REST: 1 + authors + posts round trips), every way showing the same feed. Any browser
 * console error fails it. Run with {@code -Dbbe.screenshots=update} to refresh the
 * README's screenshot ({@code docs/live-page.png}).
 */
@RestVsGraphqlIntegrationTest
class LivePageBrowserIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void feedPlayedEveryWayDrawsTheRoundTripsBytesAndSqlStatementsOfEach() {
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			WebDriver page = browser.open("http://localhost:" + this.port + "/").driver();
			page.manage().window().setSize(new Dimension(1320, 1000));

			Map<String, WebElement> small = play(page, "feed", 10);
			assertThat(small).containsOnlyKeys("REST", "REST /feed", "GraphQL", "GraphQL, no batching");
			assertThat(small.get("GraphQL").getDomAttribute("data-statements")).isEqualTo("3");
			assertThat(small.get("GraphQL, no batching").getDomAttribute("data-statements")).isEqualTo("21");
			assertThat(small.get("REST /feed").getDomAttribute("data-round-trips")).isEqualTo("1");
			long authors = small.get("GraphQL")
				.getDomAttribute("data-view")
				.lines()
				.map((line) -> line.split(" \\| ")[1])
				.distinct()
				.count();
			assertThat(small.get("REST").getDomAttribute("data-round-trips"))
				.isEqualTo(String.valueOf(1 + authors + 10));
			for (WebElement row : small.values()) {
				assertThat(row.getDomAttribute("data-view"))
					.isEqualTo(small.get("GraphQL").getDomAttribute("data-view"));
			}

			Map<String, WebElement> large = play(page, "feed", 20);
			assertThat(large.get("GraphQL").getDomAttribute("data-statements")).isEqualTo("3");
			assertThat(large.get("GraphQL, no batching").getDomAttribute("data-statements")).isEqualTo("41");
			assertThat(page.findElements(By.cssSelector("#chart-sql rect"))).hasSize(4);

			browser.assertNoConsoleErrors();
			fitWindowToPage(page);
			browser.screenshot("rest-vs-graphql-live-page", Path.of("docs", "live-page.png"));
		}
	}

	@Test
	void titlesOverGraphQlDrawFewerBytesThanOverRest() {
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			WebDriver page = browser.open("http://localhost:" + this.port + "/").driver();

			Map<String, WebElement> titles = play(page, "titles", 20);

			long rest = Long.parseLong(titles.get("REST").getDomAttribute("data-bytes"));
			long graphQl = Long.parseLong(titles.get("GraphQL").getDomAttribute("data-bytes"));
			assertThat(graphQl).isLessThanOrEqualTo(rest * 3 / 10);
			browser.assertNoConsoleErrors();
		}
	}

	/** Plays a use case from the page and returns the drawn rows by way. */
	private static Map<String, WebElement> play(WebDriver page, String useCase, int size) {
		new Select(page.findElement(By.id("use-case"))).selectByValue(useCase);
		new Select(page.findElement(By.id("size"))).selectByValue(String.valueOf(size));
		page.findElement(By.id("play")).click();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> List.of("done", "failed")
				.contains(page.findElement(By.id("results")).getDomAttribute("data-status")));
		assertThat(page.findElement(By.id("message")).getText()).isEmpty();
		Map<String, WebElement> rows = new LinkedHashMap<>();
		for (WebElement row : page.findElements(By.cssSelector("#results tbody tr"))) {
			rows.put(row.getDomAttribute("data-way"), row);
		}
		return rows;
	}

	/** Top of the page, the window as tall as the page: the screenshot shows it all. */
	private static void fitWindowToPage(WebDriver page) {
		JavascriptExecutor script = (JavascriptExecutor) page;
		script.executeScript("window.scrollTo(0, 0)");
		Number pageHeight = (Number) script.executeScript("return document.documentElement.scrollHeight");
		Number viewport = (Number) script.executeScript("return window.innerHeight");
		Dimension window = page.manage().window().getSize();
		page.manage()
			.window()
			.setSize(
					new Dimension(window.getWidth(), window.getHeight() - viewport.intValue() + pageHeight.intValue()));
	}

}
