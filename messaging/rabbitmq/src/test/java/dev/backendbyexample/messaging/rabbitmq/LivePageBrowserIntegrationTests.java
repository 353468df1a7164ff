package dev.backendbyexample.messaging.rabbitmq;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.backendbyexample.testsupport.browser.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/**
 * The live page in a real headless Chromium, on the real application, broker and
 * database: orders placed from the page are drawn with the consumers that applied them, a
 * lamp order's dead letter appears, a restock and a click on Replay fulfil it; any
 * browser console error fails the test. Run with {@code -Dbbe.screenshots=update} to
 * refresh the README's screenshot ({@code docs/live-page.png}).
 */
@MessagingIntegrationTest
class LivePageBrowserIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void ordersPlacedFromThePageAreDrawnWhereTheyWentAndADeadLetterIsReplayedByAClick() {
		// Other tests in this context restock lamps.
		RestClient.create("http://localhost:" + this.port)
			.put()
			.uri("/api/stock/LAMP")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"available\":0}")
			.retrieve()
			.toBodilessEntity();
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			WebDriver page = browser.open("http://localhost:" + this.port + "/").driver();
			page.manage().window().setSize(new Dimension(1100, 1500));

			place(page, "eu", "express", "BOOK", 3);
			await().atMost(Duration.ofSeconds(30))
				.ignoreException(StaleElementReferenceException.class)
				.until(() -> orderRows(page).size() == 3 && orderRows(page).stream()
					.allMatch((row) -> "analytics,email,express,fulfilment,region.eu"
						.equals(row.getDomAttribute("data-applied-by"))));
			// The queues are drawn before the orders in each refresh: the next one counts
			// them.
			await().atMost(Duration.ofSeconds(10))
				.ignoreException(StaleElementReferenceException.class)
				.until(() -> Integer.parseInt(page.findElement(By.cssSelector("g.queue[data-queue='fulfilment']"))
					.getDomAttribute("data-applied")) >= 3);

			place(page, "us", "standard", "LAMP", 1);
			await().atMost(Duration.ofSeconds(30))
				.ignoreException(StaleElementReferenceException.class)
				.until(() -> lampReplayButton(page).isPresent());
			page.findElement(By.id("restock")).click();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> page.findElement(By.id("place-status")).getText().contains("LAMP in stock: 10"));
			// The table is redrawn twice a second: a button found may be gone when
			// clicked.
			await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class).until(() -> {
				lampReplayButton(page).orElseThrow().click();
				return true;
			});
			await().atMost(Duration.ofSeconds(30))
				.ignoreException(StaleElementReferenceException.class)
				.until(() -> "FULFILLED".equals(orderRows(page).get(0).getDomAttribute("data-status")));

			browser.assertNoConsoleErrors();
			browser.screenshot("messaging-rabbitmq-live-page", Path.of("docs", "live-page.png"));
		}
	}

	private static void place(WebDriver page, String region, String priority, String sku, int count) {
		new Select(page.findElement(By.id("region"))).selectByValue(region);
		new Select(page.findElement(By.id("priority"))).selectByValue(priority);
		new Select(page.findElement(By.id("sku"))).selectByValue(sku);
		WebElement orders = page.findElement(By.id("count"));
		orders.clear();
		orders.sendKeys(String.valueOf(count));
		page.findElement(By.id("place")).click();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> page.findElement(By.id("place-status"))
				.getText()
				.startsWith(count + " order(s) placed with routing key order." + region + "." + priority));
	}

	private static Optional<WebElement> lampReplayButton(WebDriver page) {
		return page.findElements(By.cssSelector("#dead-letters tbody tr"))
			.stream()
			.filter((row) -> row.getText().contains("Retries exhausted after 4 attempts: Out of stock: 1 × LAMP"))
			.flatMap((row) -> row.findElements(By.cssSelector("button.replay")).stream())
			.findFirst();
	}

	private static List<WebElement> orderRows(WebDriver page) {
		return page.findElements(By.cssSelector("#orders tbody tr"));
	}

}
