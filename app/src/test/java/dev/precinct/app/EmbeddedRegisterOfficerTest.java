package dev.precinct.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;
import java.util.Map;

/** The contract against the embedded mode: no configuration, everything in memory, real HTTP. */
class EmbeddedRegisterOfficerTest extends RegisterOfficerContract {
    private static Precinct precinct;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        precinct = Precinct.start(Settings.load(Map.of(), List.of("--http.port=0", "--http.host=127.0.0.1", "--auth.hs256.secret=" + TestTokens.SECRET)));
        http = new Http(precinct.httpPort());
    }

    @AfterAll
    static void stop() {
        precinct.close();
    }

    @Override
    Http http() {
        return http;
    }
}
