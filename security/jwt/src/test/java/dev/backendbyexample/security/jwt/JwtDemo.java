package dev.backendbyexample.security.jwt;

import dev.backendbyexample.testsupport.demo.Demos;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./bbe demo security/jwt}: starts the application on a fresh database and Redis
 * namespace (with the committed development keys) and plays {@link JwtScenario}.
 */
public class JwtDemo {

	public static void main(String[] args) {
		Demos.run(SpringApplication.from(JwtApplication::main).with(JwtServices.class), new JwtScenario());
	}

}
