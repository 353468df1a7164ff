package dev.backendbyexample.restvsgraphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses abusive queries before they run: one endpoint that lets clients choose the
 * shape also lets them ask for the whole database. The depth bound stops cycles (user →
 * posts → author → posts …); the cost bound stops wide ones, counting a field as 1 plus
 * its children's cost times its {@code first}.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

	/** GraphiQL's own introspection query is 13 levels deep. */
	static final int MAX_DEPTH = 15;

	/** A 100-post feed with authors and 3 comments each costs about 1,500. */
	static final int MAX_COMPLEXITY = 2_000;

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepth() {
		return new MaxQueryDepthInstrumentation(MAX_DEPTH);
	}

	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexity() {
		return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY, pagesMultiply());
	}

	static FieldComplexityCalculator pagesMultiply() {
		return (env, childComplexity) -> {
			Object first = env.getArguments().get("first");
			int items = (first instanceof Integer n && n > 0) ? n : 1;
			return 1 + childComplexity * items;
		};
	}

}
