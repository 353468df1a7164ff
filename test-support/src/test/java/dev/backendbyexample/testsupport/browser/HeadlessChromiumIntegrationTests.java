package dev.backendbyexample.testsupport.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The browser harness on tiny pages served by the JDK's own HTTP server: a console error
 * fails the test, an expected 429 does not, a missing driver says how to install it.
 */
class HeadlessChromiumIntegrationTests {

	private static HttpServer server;

	@BeforeAll
	static void serve() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		page("/clean", 200, "<h1>fine</h1>");
		page("/console-error", 200, "<script>console.error('boom from the page')</script>");
		page("/uncaught", 200, "<script>null.boom()</script>");
		page("/fetches-429", 200, "<script>fetch('/limited').then(r => document.title = 'got ' + r.status)</script>");
		page("/fetches-500", 200, "<script>fetch('/broken').then(r => document.title = 'got ' + r.status)</script>");
		page("/limited", 429, "{}");
		page("/broken", 500, "{}");
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Test
	void pageWithoutErrorsClosesCleanlyAndLeavesAScreenshotInTarget() throws IOException {
		Path screenshot;
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			browser.open(url("/clean"));
			assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("fine");
			screenshot = browser.screenshot("headless-chromium-clean");
		}
		byte[] png = Files.readAllBytes(screenshot);
		assertThat(screenshot).startsWith(Path.of("target", "screenshots"));
		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
	}

	@Test
	void pageWithConsoleErrorFailsTheTest() {
		HeadlessChromium browser = HeadlessChromium.start();
		browser.open(url("/console-error"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(browser::close)
			.withMessageContaining("1 error(s)")
			.withMessageContaining("boom from the page");
	}

	@Test
	void errorIsReportedOnceSoOneBrowserCanServeATestClass() {
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			browser.open(url("/console-error"));
			assertThatExceptionOfType(AssertionError.class).isThrownBy(browser::assertNoConsoleErrors);
			browser.open(url("/clean"));
			browser.assertNoConsoleErrors();
			assertThat(browser.consoleErrors()).singleElement().asString().contains("boom from the page");
		}
	}

	@Test
	void uncaughtExceptionIsAConsoleError() {
		HeadlessChromium browser = HeadlessChromium.start();
		browser.open(url("/uncaught"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(browser::close)
			.withMessageContaining("Uncaught TypeError: Cannot read properties of null");
	}

	@Test
	void expectedStatusIsNoErrorButAnyOtherIs() {
		HeadlessChromium browser = HeadlessChromium.start(429);
		browser.open(url("/fetches-429"));
		waitForTitle(browser, "got 429");
		assertThat(browser.consoleErrors()).isEmpty();
		browser.open(url("/fetches-500"));
		waitForTitle(browser, "got 500");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(browser::close)
			.withMessageContaining("1 error(s)")
			.withMessageContaining("status of 500");
	}

	@Test
	void missingDriverFailsNamingTheInstallCommand() {
		assertThatExceptionOfType(ChromiumNotInstalled.class)
			.isThrownBy(() -> HeadlessChromium.start(Path.of("/usr/bin/chromium"), Path.of("/nonexistent/chromedriver"),
					Set.of()))
			.withMessageContaining("/nonexistent/chromedriver")
			.withMessageContaining("apt-get install -y chromium chromium-driver");
	}

	private static void waitForTitle(HeadlessChromium browser, String title) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until((driver) -> title.equals(driver.getTitle()));
	}

	private static void page(String path, int status, String body) {
		// A page without an icon makes Chromium ask for /favicon.ico: a 404, a console
		// error.
		String html = body.startsWith("{") ? body : "<link rel=\"icon\" href=\"data:,\">" + body;
		byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
		server.createContext(path, (exchange) -> {
			exchange.getResponseHeaders()
				.add("Content-Type", body.startsWith("{") ? "application/json" : "text/html; charset=utf-8");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
	}

	private static String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

}
