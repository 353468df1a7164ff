package dev.backendbyexample.security.jwt;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWK Set publishes every key that may have signed a live token, public parts only,
 * and is enough for another service to verify this server's tokens: here Spring
 * Security's own Nimbus decoder, pointed at nothing but the JWKS URL.
 */
@JwtIntegrationTest
class JwksIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void jwkSetListsTheCurrentAndThePreviousKeyWithoutPrivateParts() {
		ResponseEntity<String> response = new Api(this.port).get("/.well-known/jwks.json", null);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getCacheControl()).contains("max-age=300");
		assertThat(response.getBody()).contains("\"kid\":\"" + TestKeys.CURRENT_ID + "\"")
			.contains("\"kid\":\"" + TestKeys.PREVIOUS_ID + "\"")
			.contains("\"kty\":\"EC\"", "\"crv\":\"P-256\"", "\"alg\":\"ES256\"")
			.doesNotContain("\"d\"");
	}

	@Test
	void anotherServiceVerifiesOurTokensWithNothingButTheJwksUrl() {
		Api api = new Api(this.port);
		String token = api.tokens(api.registerUser()).access();
		NimbusJwtDecoder nimbus = NimbusJwtDecoder
			.withJwkSetUri("http://localhost:" + this.port + "/.well-known/jwks.json")
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AccessTokens.TYPE))))
			.build();
		// Spring Security's validators, not ours: time, issuer, and RFC 9068's type.
		nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtIssuerValidator(Forge.ISSUER), new JwtTypeValidator(AccessTokens.TYPE)));

		Jwt jwt = nimbus.decode(token);

		assertThat(jwt.getIssuer()).hasToString(Forge.ISSUER);
		assertThat(jwt.getAudience()).containsExactly(Forge.AUDIENCE);
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
		assertThat(jwt.getHeaders()).containsEntry("kid", TestKeys.CURRENT_ID).containsEntry("alg", "ES256");
		assertThat(jwt.getId()).isNotBlank();
	}

}
