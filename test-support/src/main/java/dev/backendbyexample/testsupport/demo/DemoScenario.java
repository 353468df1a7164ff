package dev.backendbyexample.testsupport.demo;

/**
 * A module's scripted demo; the same scenario runs for a learner and in the module's
 * tests.
 */
@FunctionalInterface
public interface DemoScenario {

	void play(Demo demo) throws Exception;

}
