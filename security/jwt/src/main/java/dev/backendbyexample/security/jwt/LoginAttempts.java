package dev.backendbyexample.security.jwt;

import java.time.Duration;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Brute-force limits on the login, in Redis so every instance shares them: at most
 * {@code max-attempts-per-account} attempts at one account (a password-guessing attack on
 * one user, from a botnet) and {@code max-attempts-per-address} from one address
 * (password spraying: one guess at many users) per window. An unknown username is counted
 * like a known one, so the limit does not tell which accounts exist.
 */
@Component
class LoginAttempts {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript.of(new ClassPathResource("scripts/login_attempt.lua"),
			List.class);

	private final StringRedisTemplate redis;

	private final JwtProperties properties;

	LoginAttempts(StringRedisTemplate redis, JwtProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Counts an attempt, before the password is checked.
	 * @throws TooManyLoginAttempts when either limit is passed
	 */
	void admit(String username, String address) {
		JwtProperties.Login login = this.properties.login();
		List<?> result = this.redis.execute(SCRIPT, List.of(accountKey(username), addressKey(address)),
				String.valueOf(login.window().toMillis()), String.valueOf(login.maxAttemptsPerAccount()),
				String.valueOf(login.maxAttemptsPerAddress()));
		if (((Number) result.get(0)).longValue() == 0) {
			throw new TooManyLoginAttempts(Duration.ofMillis(((Number) result.get(1)).longValue()));
		}
	}

	/**
	 * A successful login clears the account's count (its owner knows the password); the
	 * address's stays, or one valid account would reset a sprayer's count.
	 */
	void succeeded(String username) {
		this.redis.delete(accountKey(username));
	}

	private String accountKey(String username) {
		return this.properties.keyPrefix() + "login:account:" + username;
	}

	private String addressKey(String address) {
		return this.properties.keyPrefix() + "login:address:" + address;
	}

}
