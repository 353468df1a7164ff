package dev.backendbyexample.testsupport.browser;

import java.nio.file.Path;

/**
 * Chromium or its driver is missing: the browser test fails and says how to install them,
 * because a live page that was never opened in a browser is not tested.
 */
public class ChromiumNotInstalled extends IllegalStateException {

	ChromiumNotInstalled(String what, Path path) {
		super("The live page's browser test needs " + what + " at " + path + ", which is missing. Install it with "
				+ "'sudo apt-get install -y chromium chromium-driver' (./.ci/run does this), or point "
				+ HeadlessChromium.CHROMIUM_ENV + " / " + HeadlessChromium.CHROMEDRIVER_ENV + " at your own binaries.");
	}

}
