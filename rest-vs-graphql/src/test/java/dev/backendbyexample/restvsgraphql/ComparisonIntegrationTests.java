package dev.backendbyexample.restvsgraphql;

import java.net.URI;
import java.util.List;

import dev.backendbyexample.restvsgraphql.UseCases.Outcome;
import dev.backendbyexample.restvsgraphql.UseCases.UseCase;
import dev.backendbyexample.restvsgraphql.UseCases.Way;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison's structure, asserted (its timings are the benchmark's): the three use
 * cases played by a REST client and a GraphQL client over real HTTP, counting round
 * trips, response bytes and the SQL statements the server ran. Every way shows the same
 * screen.
 */
@RestVsGraphqlIntegrationTest
class ComparisonIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SqlStatements sqlStatements;

	UseCases useCases;

	@BeforeEach
	void client() {
		this.useCases = new UseCases(URI.create("http://localhost:" + this.port));
	}

	@Test
	void batchedGraphQlFeedRunsThreeSqlStatementsWhetherThePageHas10Or100Posts() {
		assertThat(statements(UseCase.FEED, Way.GRAPHQL, 10)).isEqualTo(3);
		assertThat(statements(UseCase.FEED, Way.GRAPHQL, 100)).isEqualTo(3);
	}

	@Test
	void graphQlFeedWithoutBatchingRunsOneStatementPlusTwoPerPost() {
		// posts, then per post: its author, its comments (the N+1, twice)
		assertThat(statements(UseCase.FEED, Way.GRAPHQL_WITHOUT_BATCHING, 10)).isEqualTo(1 + 2 * 10);
		assertThat(statements(UseCase.FEED, Way.GRAPHQL_WITHOUT_BATCHING, 100)).isEqualTo(1 + 2 * 100);
	}

	@Test
	void restFeedNeedsOneRequestPlusOnePerAuthorPlusOnePerPost() {
		Outcome rest = this.useCases.play(UseCase.FEED, Way.REST, 20);

		long authors = rest.view().stream().map((line) -> line.split(" \\| ")[1]).distinct().count();
		assertThat(authors).isGreaterThan(1);
		assertThat(rest.roundTrips()).isEqualTo(1 + (int) authors + 20);
	}

	@Test
	void restFeedRunsSqlStatementsInProportionToThePageToo() {
		// Each GET /users/{id} reads the user and counts their posts; each comments page
		// is one statement: 1 + 2 × authors + posts.
		Outcome rest = this.useCases.play(UseCase.FEED, Way.REST, 10);
		long authors = rest.view().stream().map((line) -> line.split(" \\| ")[1]).distinct().count();

		assertThat(statements(UseCase.FEED, Way.REST, 10)).isEqualTo(1 + 2 * authors + 10);
	}

	@Test
	void purposeBuiltFeedEndpointIsOneRoundTripAndThreeStatementsLikeBatchedGraphQl() {
		assertThat(this.useCases.play(UseCase.FEED, Way.REST_PURPOSE_BUILT, 20).roundTrips()).isOne();
		assertThat(statements(UseCase.FEED, Way.REST_PURPOSE_BUILT, 10)).isEqualTo(3);
		assertThat(statements(UseCase.FEED, Way.REST_PURPOSE_BUILT, 100)).isEqualTo(3);
	}

	@Test
	void everyWayShowsTheSameFeed() {
		List<String> graphQl = this.useCases.play(UseCase.FEED, Way.GRAPHQL, 20).view();

		assertThat(graphQl).hasSize(20);
		assertThat(graphQl.getFirst()).matches("Post 20000: .* \\| User \\d+ \\| Comment 99996: .*; .*; .*");
		for (Way way : List.of(Way.REST, Way.REST_PURPOSE_BUILT, Way.GRAPHQL_WITHOUT_BATCHING)) {
			assertThat(this.useCases.play(UseCase.FEED, way, 20).view()).as(way.label()).isEqualTo(graphQl);
		}
	}

	@Test
	void graphQlFeedIsOneRoundTrip() {
		assertThat(this.useCases.play(UseCase.FEED, Way.GRAPHQL, 20).roundTrips()).isOne();
	}

	@Test
	void titlesOverGraphQlTakeAtMostThreeTenthsOfTheRestBytes() {
		Outcome rest = this.useCases.play(UseCase.TITLES, Way.REST, 20);
		Outcome graphQl = this.useCases.play(UseCase.TITLES, Way.GRAPHQL, 20);

		assertThat(graphQl.view()).isEqualTo(rest.view()).hasSize(20);
		assertThat(graphQl.roundTrips()).isEqualTo(rest.roundTrips()).isOne();
		// REST sends every post's body, which a list of titles does not show.
		assertThat(graphQl.bytes()).isLessThanOrEqualTo(rest.bytes() * 3 / 10);
	}

	@Test
	void profileCardIsOneRequestEitherWayAndRestOverFetches() {
		Outcome rest = this.useCases.play(UseCase.PROFILE_CARD, Way.REST, 1);
		Outcome graphQl = this.useCases.play(UseCase.PROFILE_CARD, Way.GRAPHQL, 1);

		assertThat(rest.view()).isEqualTo(graphQl.view()).containsExactly("User 1 | 20");
		assertThat(rest.roundTrips()).isEqualTo(graphQl.roundTrips()).isOne();
		assertThat(rest.bytes()).isGreaterThan(graphQl.bytes()); // the email and bio it
																	// did not need
		assertThat(statements(UseCase.PROFILE_CARD, Way.REST, 1)).isEqualTo(2);
		assertThat(statements(UseCase.PROFILE_CARD, Way.GRAPHQL, 1)).isEqualTo(2);
	}

	@Test
	void aRevalidatedProfileCardIsNoBytesAndOneStatementOverRestTheWholeQueryOverGraphQl() {
		// The first play fetches the ETag the client then holds.
		this.useCases.play(UseCase.PROFILE_CARD, Way.REST_REVALIDATED, 1);
		this.useCases.play(UseCase.PROFILE_CARD, Way.GRAPHQL_PERSISTED_REVALIDATED, 1);

		assertThat(this.useCases.play(UseCase.PROFILE_CARD, Way.REST_REVALIDATED, 1).bytes()).isZero();
		assertThat(this.useCases.play(UseCase.PROFILE_CARD, Way.GRAPHQL_PERSISTED_REVALIDATED, 1).bytes()).isZero();
		// REST's ETag is the version: reading it is the only statement. The persisted
		// query's ETag hashes the answer, so the server runs the whole query to say 304.
		assertThat(statements(UseCase.PROFILE_CARD, Way.REST_REVALIDATED, 1)).isEqualTo(1);
		assertThat(statements(UseCase.PROFILE_CARD, Way.GRAPHQL_PERSISTED_REVALIDATED, 1)).isEqualTo(2);
	}

	private long statements(UseCase useCase, Way way, int size) {
		long before = this.sqlStatements.count();
		this.useCases.play(useCase, way, size);
		return this.sqlStatements.count() - before;
	}

}
