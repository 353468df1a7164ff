package dev.backendbyexample.transactions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.backendbyexample.testsupport.browser.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live page in a real headless Chromium, on the real application and PostgreSQL: one
 * load run per strategy started from the page, what the page drew checked against what a
 * strategy must do, the anomaly matrix checked cell by cell against the tests, any
 * browser console error a failure. Run with {@code -Dbbe.screenshots=update} to refresh
 * the README's screenshot ({@code docs/live-page.png}).
 */
@TransactionsIntegrationTest
class LivePageBrowserIntegrationTests {

	/** Per run; the server runs them 16 at a time between 4 hot accounts. */
	private static final int TRANSFERS = 800;

	/** The naive run first: the one whose total must drift. */
	private static final List<Strategy> STRATEGIES = List.of(Strategy.NAIVE, Strategy.PESSIMISTIC, Strategy.OPTIMISTIC,
			Strategy.ATOMIC_UPDATE, Strategy.SERIALIZABLE);

	@LocalServerPort
	int port;

	@Test
	void runPerStrategyDrawsNaiveTotalDriftingAndEveryOtherTotalExactlyFlat() {
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			WebDriver page = browser.open("http://localhost:" + this.port + "/").driver();
			page.manage().window().setSize(new Dimension(1440, 1400));
			for (Strategy strategy : STRATEGIES) {
				Drawn run = startRunAndAwaitItsEnd(page, strategy);

				assertThat(run.totals()).as("%s: samples drawn", strategy).hasSizeGreaterThan(1);
				if (strategy == Strategy.NAIVE) {
					// Lost updates create or destroy money: some drawn total is off.
					assertThat(run.totals()).as("naive totals").anyMatch((total) -> total != run.startTotal());
					assertThat(run.money()).isIn("created", "destroyed");
					assertThat(run.heights()).as("naive line").hasSizeGreaterThan(1);
				}
				else {
					assertThat(run.totals()).as("%s totals", strategy).containsOnly(run.startTotal());
					assertThat(run.money()).isEqualTo("conserved");
					assertThat(run.heights()).as("%s line: flat", strategy).hasSize(1);
				}
			}
			assertThat(matrixDrawn(page)).isEqualTo(HermitageMatrixPage.asserted());
			page.findElement(By.cssSelector(
					"table[data-test='postgresqlHandlesEachAnomalyAsHermitageRecorded'] td[data-anomaly='P4'][data-level='READ_COMMITTED'] a"))
				.click();
			assertThat(page.findElement(By.id("proof")).getText()).contains(
					"IsolationAnomaliesIntegrationTests#postgresqlHandlesEachAnomalyAsHermitageRecorded [P4 at READ_COMMITTED is ANOMALY]",
					"Hermitage#lostUpdate");
			fitWindowToPage(page);
			browser.screenshot("transactions-live-page", Path.of("docs", "live-page.png"));
		}
	}

	private Drawn startRunAndAwaitItsEnd(WebDriver page, Strategy strategy) {
		int runsBefore = page.findElements(By.cssSelector("#runs tbody tr")).size();
		new Select(page.findElement(By.id("strategy"))).selectByValue(strategy.slug());
		WebElement transfers = page.findElement(By.id("transfers"));
		transfers.clear();
		transfers.sendKeys(String.valueOf(TRANSFERS));
		page.findElement(By.id("start")).click();
		// A run ends within 30 s whatever happens (the server's bound); the newest is on
		// top. The page redraws the table on every sample: a row found may be gone when
		// read, so look again.
		await().atMost(Duration.ofSeconds(90)).ignoreException(StaleElementReferenceException.class).until(() -> {
			List<WebElement> rows = page.findElements(By.cssSelector("#runs tbody tr"));
			return rows.size() == runsBefore + 1 && "finished".equals(rows.get(0).getDomAttribute("data-status"));
		});
		WebElement row = page.findElement(By.cssSelector("#runs tbody tr"));
		assertThat(row.getDomAttribute("data-strategy")).isEqualTo(strategy.slug());
		WebElement line = page.findElement(
				By.cssSelector("#chart-drift polyline[data-run-id='" + row.getDomAttribute("data-run-id") + "']"));
		List<Long> totals = Arrays.stream(line.getDomAttribute("data-totals").split(",")).map(Long::valueOf).toList();
		// The line itself: "x,y x,y ..."; a flat one has a single y.
		Set<String> heights = Arrays.stream(line.getDomAttribute("points").split(" "))
			.map((point) -> point.substring(point.indexOf(',') + 1))
			.collect(Collectors.toSet());
		return new Drawn(Long.parseLong(line.getDomAttribute("data-start-total")), totals, heights,
				row.findElements(By.tagName("td")).getLast().getText());
	}

	/** The matrix as drawn: test method, anomaly, level, outcome, from the cells. */
	private static Map<String, Map<String, Map<String, String>>> matrixDrawn(WebDriver page) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !page.findElements(By.cssSelector("table.matrix")).isEmpty());
		Map<String, Map<String, Map<String, String>>> drawn = new LinkedHashMap<>();
		for (WebElement table : page.findElements(By.cssSelector("table.matrix"))) {
			Map<String, Map<String, String>> rows = drawn.computeIfAbsent(table.getDomAttribute("data-test"),
					(test) -> new LinkedHashMap<>());
			for (WebElement cell : table.findElements(By.cssSelector("td.outcome"))) {
				rows.computeIfAbsent(cell.getDomAttribute("data-anomaly"), (anomaly) -> new LinkedHashMap<>())
					.put(cell.getDomAttribute("data-level"), cell.getDomAttribute("data-outcome"));
			}
		}
		return drawn;
	}

	/** Top of the page, the window as tall as the page: the screenshot shows it all. */
	private static void fitWindowToPage(WebDriver page) {
		JavascriptExecutor script = (JavascriptExecutor) page;
		script.executeScript("window.scrollTo(0, 0)");
		Number pageHeight = (Number) script.executeScript("return document.documentElement.scrollHeight");
		Number viewport = (Number) script.executeScript("return window.innerHeight");
		Dimension window = page.manage().window().getSize();
		// The window is taller than its viewport by whatever the browser draws around it.
		page.manage()
			.window()
			.setSize(
					new Dimension(window.getWidth(), window.getHeight() - viewport.intValue() + pageHeight.intValue()));
	}

	/**
	 * One run as the page drew it.
	 *
	 * @param startTotal the sum of the opening balances
	 * @param totals the totals of the drift chart's line, one per sample
	 * @param heights the distinct heights of the line's points, as drawn
	 * @param money the runs table's verdict: conserved, created or destroyed
	 */
	private record Drawn(long startTotal, List<Long> totals, Set<String> heights, String money) {
	}

}
