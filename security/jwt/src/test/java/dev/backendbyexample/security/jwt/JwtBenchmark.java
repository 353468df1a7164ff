package dev.backendbyexample.security.jwt;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.SecretKey;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What security costs, in one run: token signatures and verifications per second for
 * ES256 (this module's choice), HS256 and RS256 with jjwt, and in the same run the same
 * tokens verified by Nimbus (Spring Security's default decoder); then, on the running
 * application, the latency authentication adds to a request, the password hash at its
 * configured cost, and login times for an unknown user and for a wrong password.
 * <p>
 * Token rates and hash times are of the benchmark thread's CPU time, so that other
 * processes on a shared machine do not show up in them; request and login latencies are
 * wall-clock, as a client sees them.
 * <p>
 * Arguments (all optional): {@code --duration=3s --warmup=5s --requests=400 --hashes=20};
 * the long warm-up lets the JIT compile the elliptic-curve arithmetic before ES256,
 * measured first, is timed.
 */
public class JwtBenchmark {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	public static void main(String[] args) throws Exception {
		try {
			run(args, System.out);
		}
		catch (BenchmarkArguments.Invalid ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
		// Pools may leave non-daemon threads behind; the benchmark is over anyway.
		System.exit(0);
	}

	/** Runs the benchmark, prints its tables to {@code out} and returns their rows. */
	static List<Row> run(String[] args, PrintStream out) throws Exception {
		BenchmarkArguments arguments = BenchmarkArguments.parse(args, "--duration=3s", "--warmup=5s", "--requests=400",
				"--hashes=20");
		Duration duration = arguments.duration("duration");
		Duration warmup = arguments.duration("warmup");
		int requests = arguments.positive("requests");
		int hashes = arguments.positive("hashes");
		List<Row> rows = new ArrayList<>();
		out.println("Tokens, single thread, " + duration.toMillis() + " ms per cell after " + warmup.toMillis()
				+ " ms warm-up (" + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores)");
		out.println("operations per second of the benchmark thread's own CPU time (wall-clock rates on a shared "
				+ "machine measure its load)");
		out.printf("%-7s %14s %18s %20s %12s%n", "alg", "jjwt sign/s", "jjwt verify/s", "Nimbus verify/s",
				"jjwt/Nimbus");
		for (Algorithm algorithm : Algorithm.values()) {
			String token = algorithm.sign();
			JwtParserBuilder builder = Jwts.parser().requireIssuer(Forge.ISSUER).requireAudience(Forge.AUDIENCE);
			JwtParser jjwt = ((algorithm.verificationKey instanceof SecretKey secret) ? builder.verifyWith(secret)
					: builder.verifyWith((PublicKey) algorithm.verificationKey))
				.build();
			NimbusJwtDecoder nimbus = algorithm.nimbus();
			double sign = perSecond(algorithm::sign, warmup, duration);
			double verify = perSecond(() -> jjwt.parseSignedClaims(token), warmup, duration);
			double nimbusVerify = perSecond(() -> nimbus.decode(token), warmup, duration);
			rows.add(new Row("jjwt sign", algorithm.name(), sign, "ops/s"));
			rows.add(new Row("jjwt verify", algorithm.name(), verify, "ops/s"));
			rows.add(new Row("Nimbus verify (peer)", algorithm.name(), nimbusVerify, "ops/s"));
			out.printf("%-7s %,14.0f %,18.0f %,20.0f %11.2fx%n", algorithm.name(), sign, verify, nimbusVerify,
					verify / nimbusVerify);
		}
		measureApplication(rows, requests, hashes, warmup, duration, out);
		return rows;
	}

	private static void measureApplication(List<Row> rows, int requests, int hashes, Duration warmup, Duration duration,
			PrintStream out) throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.from(JwtApplication::main)
			.with(JwtServices.class)
			.run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--jwt.login.max-attempts-per-account=1000000", "--jwt.login.max-attempts-per-address=1000000")
			.getApplicationContext()) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String username = Api.newUsername();
			context.getBean(Authentication.class).register(username, Api.PASSWORD, "bench");
			String token = context.getBean(Authentication.class).login(username, Api.PASSWORD, "bench").accessToken();
			JjwtDecoder decoder = (JjwtDecoder) context
				.getBean(org.springframework.security.oauth2.jwt.JwtDecoder.class);
			double decode = perSecond(() -> decoder.decode(token), warmup, duration);
			rows.add(new Row("this module's JjwtDecoder", "ES256", decode, "ops/s"));
			out.printf("%nThis module's JjwtDecoder (kid lookup, ES256, iss/aud/exp/typ checks, Spring Jwt): %,.0f/s%n",
					decode);

			// The same endpoint, open to all: with a token the filter chain verifies it.
			HttpRequest anonymous = HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/.well-known/jwks.json"))
				.build();
			HttpRequest authenticated = HttpRequest.newBuilder(anonymous.uri())
				.header("Authorization", "Bearer " + token)
				.build();
			long[][] latencies = alternate(requests, () -> send(http, anonymous), () -> send(http, authenticated));
			out.printf("%nRequest latency, GET /.well-known/jwks.json, %d requests each, alternating:%n", requests);
			report(rows, out, "request", "anonymous", latencies[0]);
			report(rows, out, "request", "with a bearer token", latencies[1]);

			PasswordEncoder configured = context.getBean(PasswordEncoder.class);
			out.printf("%nPassword hash, CPU time, %d hashes each:%n", hashes);
			report(rows, out, "hash", "Argon2id m=16 MiB t=2 p=1 (configured)",
					cpuTime(hashes, () -> configured.encode("pw")));
			report(rows, out, "hash", "BCrypt cost 10 (legacy, for comparison)",
					cpuTime(hashes, () -> new BCryptPasswordEncoder().encode("pw")));

			HttpRequest unknownUser = login(port, Api.newUsername(), "wrong password");
			HttpRequest wrongPassword = login(port, username, "wrong password");
			long[][] logins = alternate(hashes, () -> send(http, unknownUser), () -> send(http, wrongPassword));
			out.printf("%nFailed logins over HTTP, %d each, alternating:%n", hashes);
			report(rows, out, "login", "unknown user", logins[0]);
			report(rows, out, "login", "wrong password", logins[1]);
		}
	}

	private static HttpRequest login(int port, String username, String password) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.build();
	}

	private static void send(HttpClient http, HttpRequest request) {
		try {
			http.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a and b alternately, so a drift of the machine's load hits both alike. */
	private static long[][] alternate(int count, Runnable a, Runnable b) {
		for (int i = 0; i < Math.min(count, 50); i++) {
			a.run();
			b.run();
		}
		long[][] nanos = new long[2][count];
		for (int i = 0; i < count; i++) {
			nanos[0][i] = nanos(a);
			nanos[1][i] = nanos(b);
		}
		return nanos;
	}

	/** The CPU time of each run of the task, this thread's own. */
	private static long[] cpuTime(int count, Runnable task) {
		task.run();
		long[] nanos = new long[count];
		for (int i = 0; i < count; i++) {
			long start = THREADS.getCurrentThreadCpuTime();
			task.run();
			nanos[i] = THREADS.getCurrentThreadCpuTime() - start;
		}
		return nanos;
	}

	private static long nanos(Runnable task) {
		long start = System.nanoTime();
		task.run();
		return System.nanoTime() - start;
	}

	private static void report(List<Row> rows, PrintStream out, String section, String name, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double p50 = sorted[sorted.length / 2] / 1e6;
		double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
		rows.add(new Row(section + " p50", name, p50, "ms"));
		rows.add(new Row(section + " p99", name, p99, "ms"));
		out.printf("  %-42s p50 %8.3f ms   p99 %8.3f ms%n", name, p50, p99);
	}

	/**
	 * Operations per second of this thread's CPU time, so other processes' load cancels
	 * out.
	 */
	private static double perSecond(Supplier<?> operation, Duration warmup, Duration duration) {
		loop(operation, warmup);
		long cpu = THREADS.getCurrentThreadCpuTime();
		long count = loop(operation, duration);
		return count / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
	}

	private static long loop(Supplier<?> operation, Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		long count = 0;
		Object sink = null;
		while (System.nanoTime() < end) {
			sink = operation.get();
			count++;
		}
		if (sink == null && count > 0) {
			throw new IllegalStateException("no result");
		}
		return count;
	}

	/**
	 * One measured number.
	 *
	 * @param section what was measured
	 * @param name of what
	 * @param value the number
	 * @param unit its unit
	 */
	record Row(String section, String name, double value, String unit) {
	}

	/** The three algorithms, each with its own key and a token of the same claims. */
	enum Algorithm {

		ES256("EC", 256), HS256(null, 0), RS256("RSA", 2048);

		final Key signingKey;

		final Key verificationKey;

		Algorithm(String keyType, int size) {
			if (keyType == null) {
				SecretKey secret = Jwts.SIG.HS256.key().build();
				this.signingKey = secret;
				this.verificationKey = secret;
			}
			else {
				KeyPair pair = generate(keyType, size);
				this.signingKey = pair.getPrivate();
				this.verificationKey = pair.getPublic();
			}
		}

		String sign() {
			Instant now = Instant.now();
			JwtBuilder builder = Jwts.builder()
				.header()
				.keyId("bench")
				.type(AccessTokens.TYPE)
				.and()
				.issuer(Forge.ISSUER)
				.audience()
				.add(Forge.AUDIENCE)
				.and()
				.subject(UUID.randomUUID().toString())
				.issuedAt(Date.from(now))
				.expiration(Date.from(now.plus(Duration.ofMinutes(10))))
				.id(UUID.randomUUID().toString())
				.claim("roles", List.of("USER"));
			return switch (this) {
				case ES256 -> builder.signWith((PrivateKey) this.signingKey, Jwts.SIG.ES256).compact();
				case HS256 -> builder.signWith((SecretKey) this.signingKey, Jwts.SIG.HS256).compact();
				case RS256 -> builder.signWith((PrivateKey) this.signingKey, Jwts.SIG.RS256).compact();
			};
		}

		/** Nimbus as Spring Security runs it, with the same checks as the jjwt parser. */
		NimbusJwtDecoder nimbus() {
			JWK jwk = switch (this) {
				case ES256 -> new ECKey.Builder(Curve.P_256, (ECPublicKey) this.verificationKey).keyID("bench").build();
				case HS256 -> new OctetSequenceKey.Builder((SecretKey) this.verificationKey).keyID("bench").build();
				case RS256 -> new RSAKey.Builder((RSAPublicKey) this.verificationKey).keyID("bench").build();
			};
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(name()),
					new ImmutableJWKSet<>(new JWKSet(jwk))));
			processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AccessTokens.TYPE)));
			NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
					new JwtIssuerValidator(Forge.ISSUER),
					(jwt) -> jwt.getAudience().contains(Forge.AUDIENCE)
							? org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success()
							: org.springframework.security.oauth2.core.OAuth2TokenValidatorResult
								.failure(new org.springframework.security.oauth2.core.OAuth2Error("invalid_token"))));
			return decoder;
		}

		private static KeyPair generate(String type, int size) {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
				generator.initialize(size);
				return generator.generateKeyPair();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
