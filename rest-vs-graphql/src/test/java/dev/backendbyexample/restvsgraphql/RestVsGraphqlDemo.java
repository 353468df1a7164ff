package dev.backendbyexample.restvsgraphql;

import dev.backendbyexample.testsupport.demo.Demos;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./bbe demo rest-vs-graphql}: starts the application on a fresh, seeded database
 * and plays {@link RestVsGraphqlScenario}.
 */
public class RestVsGraphqlDemo {

	public static void main(String[] args) {
		Demos.run(SpringApplication.from(RestVsGraphqlApplication::main).with(RestVsGraphqlServices.class),
				new RestVsGraphqlScenario());
	}

}
