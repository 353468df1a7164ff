package dev.backendbyexample.caching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalogue in PostgreSQL, the source of truth. Every write bumps the product's
 * version; {@link #findWithRatings} is the expensive read the caches exist for, and it is
 * counted, so tests and the demo can say how often the database was really asked.
 */
@Repository
class Products {

	private static final String PRODUCT_WITH_RATINGS = sql("sql/product-with-ratings.sql");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Counter expensiveQueries;

	Products(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.expensiveQueries = Counter.builder("catalogue.queries")
			.description("Runs of the expensive product-with-ratings query")
			.tag("query", "product-with-ratings")
			.register(meters);
	}

	/** The product with its rating summary: the aggregate query, counted. */
	Optional<Product> findWithRatings(long id) {
		this.expensiveQueries.increment();
		return this.jdbc.sql(PRODUCT_WITH_RATINGS).param("id", id).query(Products::product).optional();
	}

	/** How many times {@link #findWithRatings} ran in this instance. */
	long expensiveQueries() {
		return (long) this.expensiveQueries.count();
	}

	/** The version alone: a primary-key lookup, for a conditional request. */
	OptionalLong version(long id) {
		return this.jdbc.sql("select version from product where id = :id")
			.param("id", id)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	List<ProductSummary> page(long afterId, int limit) {
		return this.jdbc.sql("select id, name, price_cents from product where id > :after order by id limit :limit")
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, row) -> new ProductSummary(rs.getLong("id"), rs.getString("name"), rs.getLong("price_cents")))
			.list();
	}

	long create(ProductChanges product) {
		return this.jdbc.sql(
				"insert into product (name, description, price_cents) values (:name, :description, :price) returning id")
			.param("name", product.name())
			.param("description", product.description())
			.param("price", product.priceCents())
			.query(Long.class)
			.single();
	}

	/**
	 * Replaces the product if it is still at {@code expectedVersion} (or at any version
	 * if that is {@code null}).
	 * @throws ProductNotFound if there is no such product
	 * @throws VersionMismatch if it has moved on
	 */
	void update(long id, VersionCondition condition, ProductChanges changes) {
		this.transactions.executeWithoutResult((tx) -> {
			long current = lockVersion(id);
			condition.check(id, current);
			this.jdbc
				.sql("update product set name = :name, description = :description, price_cents = :price, "
						+ "version = version + 1, updated_at = now() where id = :id")
				.param("name", changes.name())
				.param("description", changes.description())
				.param("price", changes.priceCents())
				.param("id", id)
				.update();
		});
	}

	void delete(long id, VersionCondition condition) {
		this.transactions.executeWithoutResult((tx) -> {
			condition.check(id, lockVersion(id));
			this.jdbc.sql("delete from product where id = :id").param("id", id).update();
		});
	}

	/** Adds a review and bumps the product's version: its rating summary changed. */
	Review addReview(long productId, NewReview review) {
		return this.transactions.execute((tx) -> {
			lockVersion(productId);
			this.jdbc.sql("update product set version = version + 1, updated_at = now() where id = :id")
				.param("id", productId)
				.update();
			return this.jdbc
				.sql("insert into review (product_id, author, rating) values (:product, :author, :rating) "
						+ "returning id, product_id, author, rating, created_at")
				.param("product", productId)
				.param("author", review.author())
				.param("rating", review.rating())
				.query((rs, row) -> new Review(rs.getLong("id"), rs.getLong("product_id"), rs.getString("author"),
						rs.getInt("rating"), rs.getTimestamp("created_at").toInstant()))
				.single();
		});
	}

	/**
	 * One author's reviews of one product: per-user data, never cached in shared caches.
	 */
	List<Review> reviewsBy(long productId, String author) {
		return this.jdbc
			.sql("select id, product_id, author, rating, created_at from review "
					+ "where product_id = :product and author = :author order by id desc limit 20")
			.param("product", productId)
			.param("author", author)
			.query((rs, row) -> new Review(rs.getLong("id"), rs.getLong("product_id"), rs.getString("author"),
					rs.getInt("rating"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private long lockVersion(long id) {
		return this.jdbc.sql("select version from product where id = :id for update")
			.param("id", id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new ProductNotFound(id));
	}

	private static Product product(ResultSet rs, int row) throws SQLException {
		long count = rs.getLong("reviews");
		Double average = (count == 0) ? null : Math.round(rs.getDouble("average") * 100) / 100.0;
		List<Long> byStars = List.of(rs.getLong("one_star"), rs.getLong("two_stars"), rs.getLong("three_stars"),
				rs.getLong("four_stars"), rs.getLong("five_stars"));
		return new Product(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
				rs.getLong("price_cents"), rs.getLong("version"), rs.getTimestamp("updated_at").toInstant(),
				new Product.Ratings(count, average, byStars));
	}

	private static String sql(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
