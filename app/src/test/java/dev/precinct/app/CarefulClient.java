package dev.precinct.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client that sends each command with its own {@code Idempotency-Key} and retries it like a careful client:
 * with the same key, after {@code Retry-After} (or a short pause), on a 503, a 504, a 409 "command in progress" or
 * a connection error, until it gets any other answer or its retry budget for the key is spent. It remembers every
 * answer. Never blocks: waits between attempts are scheduled, not slept.
 */
final class CarefulClient implements AutoCloseable {
    static final String IN_PROGRESS = "https://precinct.dev/problems/command-in-progress";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PAUSE = Duration.ofMillis(250);

    /**
     * One answer to one attempt.
     *
     * @param status 0 for a connection error or a request that timed out at the client
     */
    record Answer(long sentNanos, long answeredNanos, int status, String problemType, Duration retryAfter,
                  JsonNode body) {
        boolean accepted() {
            return status == 202;
        }

        /** Whether a careful client tries again with the same key. */
        boolean retryable() {
            return status == 0 || status == 503 || status == 504 || status == 409 && IN_PROGRESS.equals(problemType);
        }

        String label() {
            return status == 0 ? "connection error" : status == 409 && IN_PROGRESS.equals(problemType)
                    ? "409 in progress" : Integer.toString(status);
        }
    }

    /** Every answer one key got, in order. */
    record KeyHistory(String key, List<Answer> answers) {
        Answer last() {
            return answers.getLast();
        }

        boolean accepted() {
            return answers.stream().anyMatch(Answer::accepted);
        }
    }

    private final HttpClient http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String base;
    private final String token;
    private final Duration retryBudget;
    private final Consumer<Answer> listener;

    /**
     * @param retryBudget how long after a key's first attempt it may still be retried (zero: one attempt only)
     * @param listener    told every answer as it comes; must not block
     */
    CarefulClient(String base, String token, Duration retryBudget, Consumer<Answer> listener) {
        this.base = base;
        this.token = token;
        this.retryBudget = retryBudget;
        this.listener = listener;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Posts {@code body} to {@code path} under {@code key} until a final answer or the budget's end. */
    CompletableFuture<KeyHistory> send(String path, String key, String body) {
        var answers = new ArrayList<Answer>();
        long giveUp = System.nanoTime() + retryBudget.toNanos();
        return attempt(path, key, body, answers, giveUp).thenApply(done -> new KeyHistory(key, List.copyOf(answers)));
    }

    private CompletableFuture<Void> attempt(String path, String key, String body, List<Answer> answers, long giveUp) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> answer(sent, response))
                .thenCompose(answer -> {
                    answers.add(answer);
                    listener.accept(answer);
                    if (!answer.retryable() || System.nanoTime() > giveUp) return CompletableFuture.completedFuture(null);
                    Executor later = CompletableFuture.delayedExecutor(pause(answer).toMillis(), TimeUnit.MILLISECONDS,
                            executor);
                    return CompletableFuture.supplyAsync(() -> null, later)
                            .thenCompose(ignored -> attempt(path, key, body, answers, giveUp));
                });
    }

    private static Answer answer(long sent, HttpResponse<String> response) {
        long answered = System.nanoTime();
        if (response == null) return new Answer(sent, answered, 0, null, null, null);
        JsonNode body = null;
        try {
            body = response.body() == null || response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException notJson) {
            // the answer's status is what counts
        }
        var type = body != null && body.has("type") ? body.get("type").asText() : null;
        var retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong).map(Duration::ofSeconds)
                .orElse(null);
        return new Answer(sent, answered, response.statusCode(), type, retryAfter, body);
    }

    private static Duration pause(Answer answer) {
        return answer.retryAfter() != null ? answer.retryAfter() : PAUSE;
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }
}
