package dev.backendbyexample.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The outcome of every test method in a module's {@code target/surefire-reports}, keyed
 * {@code Class#method} as {@code -Dtest} names it. A method fails if any of its
 * invocations (parameters, repetitions) failed on its last run: a test that failed once
 * and passed on surefire's rerun counts as passed.
 */
final class SurefireReports {

	private SurefireReports() {
	}

	/** {@code Class#method} to whether it failed. */
	static Map<String, Boolean> read(Path reports) {
		Map<String, Boolean> failed = new TreeMap<>();
		try (Stream<Path> files = Files.list(reports)) {
			for (Path file : files.filter((path) -> path.getFileName().toString().matches("TEST-.*\\.xml"))
				.sorted()
				.toList()) {
				NodeList cases = DocumentBuilderFactory.newInstance()
					.newDocumentBuilder()
					.parse(file.toFile())
					.getElementsByTagName("testcase");
				for (int i = 0; i < cases.getLength(); i++) {
					Element testCase = (Element) cases.item(i);
					failed.merge(key(testCase), hasChild(testCase, "failure") || hasChild(testCase, "error"),
							Boolean::logicalOr);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ParserConfigurationException | SAXException ex) {
			throw new IllegalStateException("Unreadable surefire report in " + reports, ex);
		}
		return failed;
	}

	/**
	 * {@code RateLimiterContractIntegrationTests#admitsAgain(Algorithm, String)[3]} to
	 * Class#admitsAgain.
	 */
	private static String key(Element testCase) {
		String className = testCase.getAttribute("classname");
		String name = testCase.getAttribute("name");
		int end = name.length();
		for (char stop : new char[] { '(', '[' }) {
			int at = name.indexOf(stop);
			if (at >= 0) {
				end = Math.min(end, at);
			}
		}
		return className.substring(className.lastIndexOf('.') + 1) + "#" + name.substring(0, end);
	}

	private static boolean hasChild(Element element, String name) {
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element && child.getNodeName().equals(name)) {
				return true;
			}
		}
		return false;
	}

}
