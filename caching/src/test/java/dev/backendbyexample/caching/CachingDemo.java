package dev.backendbyexample.caching;

import dev.backendbyexample.testsupport.demo.Demos;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./bbe demo caching}: starts the application on a fresh database (the full seed),
 * and plays {@link CachingScenario}, which starts a second instance beside it.
 */
public class CachingDemo {

	public static void main(String[] args) {
		Demos.run(SpringApplication.from(CachingApplication::main).with(CachingServices.class), new CachingScenario());
	}

}
