package dev.precinct.adapters.nats;

import io.nats.client.Nats;
import io.nats.client.Options;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * How Precinct proves itself to NATS and protects the connection: a credentials file (JWT and NKey), or a user and
 * password; TLS with the JVM's default trust store.
 */
public record NatsSecurity(Optional<String> credentialsFile, Optional<String> user, Optional<String> password,
                           boolean tls) {
    /** No credentials, no TLS: a local or trusted network. */
    public static final NatsSecurity NONE = new NatsSecurity(Optional.empty(), Optional.empty(), Optional.empty(), false);

    public NatsSecurity {
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (credentialsFile.isPresent() && user.isPresent())
            throw new IllegalArgumentException("give NATS either a credentials file or a user and password");
    }

    void applyTo(Options.Builder options) {
        credentialsFile.ifPresent(file -> options.authHandler(Nats.credentials(file)));
        user.ifPresent(name -> options.userInfo(name, password.orElse("")));
        if (tls) {
            try {
                options.sslContext(SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no default TLS context", e);
            }
        }
    }
}
