package dev.backendbyexample.security.jwt;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registration, login, refresh and logout: where passwords are checked, hashes upgraded,
 * attempts limited and token pairs issued.
 */
@Service
class Authentication {

	private static final Log logger = LogFactory.getLog(Authentication.class);

	private final Users users;

	private final PasswordEncoder passwords;

	private final LoginAttempts attempts;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	/**
	 * A hash of a random password, checked when the username is unknown, so an unknown
	 * user costs the same hash as a wrong password and the time does not tell them apart.
	 */
	private final String decoyHash;

	Authentication(Users users, PasswordEncoder passwords, LoginAttempts attempts, AccessTokens accessTokens,
			RefreshTokens refreshTokens) {
		this.users = users;
		this.passwords = passwords;
		this.attempts = attempts;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.decoyHash = passwords.encode(UUID.randomUUID().toString());
	}

	/** Registers a user with role USER: no request can choose a role. */
	User register(String username, String password, String displayName) {
		User user = new User(UUID.randomUUID(), normalize(username), this.passwords.encode(password), displayName,
				Set.of(Role.USER));
		if (!this.users.insert(user)) {
			throw new UsernameTaken();
		}
		logger.info("Registered " + user);
		return user;
	}

	/**
	 * Checks the password, upgrades its hash if its scheme or cost is outdated, and
	 * issues a token pair.
	 * @throws TooManyLoginAttempts before the password is even checked
	 * @throws InvalidCredentials for an unknown user or a wrong password alike
	 */
	TokenPair login(String username, String password, String address) {
		String name = normalize(username);
		this.attempts.admit(name, address);
		Optional<User> found = this.users.findByUsername(name);
		boolean matches = this.passwords.matches(password, found.map(User::passwordHash).orElse(this.decoyHash));
		if (found.isEmpty() || !matches) {
			logger.info("Login failed for '" + name + "' from " + address);
			throw new InvalidCredentials();
		}
		User user = found.get();
		this.attempts.succeeded(name);
		if (this.passwords.upgradeEncoding(user.passwordHash())) {
			// The only moment the plain password is known: re-hash it with today's
			// scheme.
			this.users.updatePasswordHash(user.id(), this.passwords.encode(password));
			logger.info("Upgraded the password hash of " + user);
		}
		return issue(user, this.refreshTokens.startFamily(user.id()));
	}

	/** Rotates the refresh token and issues a fresh access token with today's roles. */
	TokenPair refresh(String refreshToken) {
		RefreshTokens.Rotated rotated = this.refreshTokens.rotate(refreshToken);
		User user = this.users.findById(rotated.userId()).orElseThrow(RefreshTokenRejected::new);
		return issue(user, rotated.token());
	}

	void logout(String refreshToken) {
		this.refreshTokens.revokeFamilyOf(refreshToken);
	}

	private TokenPair issue(User user, String refreshToken) {
		AccessTokens.IssuedToken access = this.accessTokens.issue(user);
		return new TokenPair(access.value(), "Bearer", access.expiresInSeconds(), refreshToken);
	}

	private static String normalize(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

}
