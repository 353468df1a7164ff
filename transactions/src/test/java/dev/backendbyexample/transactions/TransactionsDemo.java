package dev.backendbyexample.transactions;

import dev.backendbyexample.testsupport.demo.Demos;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./bbe demo transactions}: starts the application on a fresh database and plays
 * {@link TransactionsScenario}.
 */
public class TransactionsDemo {

	public static void main(String[] args) {
		Demos.run(SpringApplication.from(TransactionsApplication::main).with(TransactionsServices.class),
				new TransactionsScenario());
	}

}
