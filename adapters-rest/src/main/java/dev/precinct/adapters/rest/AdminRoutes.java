package dev.precinct.adapters.rest;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandTimeoutException;
import dev.precinct.core.projection.ParkedAggregate;
import dev.precinct.core.projection.ProjectionStatus;
import dev.precinct.core.command.ServiceUnavailableException;
import dev.precinct.core.service.DeadLetterRedrive;
import dev.precinct.core.service.ProjectionEngine;
import dev.precinct.core.projection.Redrive;
import dev.precinct.core.service.ReadSideAdmin;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.SameThreadExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The operator's routes under {@code /admin} (the guard lets only role {@code admin} in): the dead letters of both
 * kinds, listed and re-driven (command dead letters, by re-sending the command; event dead letters, the aggregates a
 * projection parked, by applying their parked records again), event dead letters skipped, and the projections shown,
 * paused and resumed. The stores may block, so their work runs on the blocking executor, never on an IO thread.
 */
final class AdminRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final DeadLetterRedrive deadLetters;
    private final JsonCodec codec;
    private final Responses responses;
    private final Executor blocking;
    private final ReadSideAdmin readSide;

    AdminRoutes(DeadLetterRedrive deadLetters, ReadSideAdmin readSide, JsonCodec codec, Responses responses,
                Executor blocking) {
        this.deadLetters = deadLetters;
        this.readSide = readSide;
        this.codec = codec;
        this.responses = responses;
        this.blocking = blocking;
    }

    /** {@code GET /admin/projections}: where every projection stands, partition by partition. */
    HttpHandler projections() {
        return exchange -> exchange.dispatch(blocking, () -> {
            byte[] listing;
            try {
                listing = codec.admin().encodeProjections(readSide.projections());
            } catch (RuntimeException e) {
                LOG.warn("cannot tell where the projections stand", e);
                unavailable(exchange, "the projections' stores or the event log cannot be read now");
                return;
            }
            responses.json(exchange, 200, listing);
        });
    }

    /** {@code POST /admin/projections/{name}/pause}: 200 with the projection's state, 404 for an unknown name. */
    HttpHandler pause() {
        return control(true);
    }

    /** {@code POST /admin/projections/{name}/resume}: like {@link #pause()}. */
    HttpHandler resume() {
        return control(false);
    }

    /**
     * {@code POST /admin/projections/{name}/rebuild}: starts rebuilding the projection into a fresh copy that
     * replaces the live read model once it has caught up; 202 with the projection's state (its {@code rebuild}
     * shows the progress), 404 for an unknown name, 409 when a rebuild of it is running already or its read model
     * is kept in memory.
     */
    HttpHandler rebuild() {
        return exchange -> {
            var name = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("name");
            exchange.dispatch(blocking, () -> {
                Optional<ProjectionStatus> status;
                try {
                    status = readSide.rebuild(name);
                } catch (IllegalStateException | UnsupportedOperationException e) {
                    responses.problem(exchange, 409, "Conflict", e.getMessage());
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("cannot rebuild projection {}", name, e);
                    unavailable(exchange, "the projection's store or the event log cannot be reached now");
                    return;
                }
                if (status.isEmpty()) responses.problem(exchange, 404, "Not found", "no projection " + name);
                else responses.json(exchange, 202, codec.admin().encodeProjection(status.get()));
            });
        };
    }

    private HttpHandler control(boolean pause) {
        return exchange -> {
            var name = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("name");
            exchange.dispatch(blocking, () -> {
                Optional<ProjectionStatus> status;
                try {
                    status = pause ? readSide.pause(name) : readSide.resume(name);
                } catch (IllegalStateException e) {
                    responses.problem(exchange, 409, "Conflict", e.getMessage()
                            + "; pause or resume it through a process that runs it");
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("cannot {} projection {}", pause ? "pause" : "resume", name, e);
                    unavailable(exchange, "the projection's store or the event log cannot be read now");
                    return;
                }
                if (status.isEmpty()) responses.problem(exchange, 404, "Not found", "no projection " + name);
                else responses.json(exchange, 200, codec.admin().encodeProjection(status.get()));
            });
        };
    }

    /** {@code GET /admin/dead-letters}: every command dead letter, oldest first, then every parked aggregate. */
    HttpHandler deadLetters() {
        return exchange -> exchange.dispatch(blocking, () -> {
            byte[] listing;
            try {
                listing = codec.admin().encodeDeadLetterListing(deadLetters.list(), readSide.parked());
            } catch (RuntimeException e) {
                LOG.warn("cannot list the dead letters", e);
                unavailable(exchange, "the dead-letter store cannot be read now");
                return;
            }
            responses.json(exchange, 200, listing);
        });
    }

    /**
     * {@code POST /admin/dead-letters/{id}/redrive}: sends the dead letter's command again with its original ids;
     * 200 with its outcome once decided (the dead letter is then removed), 404 for an unknown id, 503 or 504 when
     * it could not be decided now (the dead letter stays).
     */
    HttpHandler redrive() {
        return exchange -> {
            var id = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("id");
            if (ParkedAggregate.parseId(id).isPresent()) {
                releaseParked(exchange, id, false);
                return;
            }
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> deadLetters.redrive(id)
                    .whenComplete((outcome, error) -> answer(exchange, id, outcome, error)));
        };
    }

    /**
     * {@code POST /admin/dead-letters/{id}/skip}: drops the first parked record of the event dead letter {@code id}
     * and applies the rest in order; 200 with what was done, 404 when there is no such event dead letter.
     */
    HttpHandler skip() {
        return exchange -> {
            var id = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("id");
            releaseParked(exchange, id, true);
        };
    }

    /**
     * Re-drives (or skips the first record of) a parked aggregate on the blocking executor: 200 with what was done
     * (records still parked when the first still fails, with its reason), 404 when nothing is parked under
     * {@code id}, 503 when the projection's store cannot be reached.
     */
    private void releaseParked(HttpServerExchange exchange, String id, boolean skip) {
        exchange.dispatch(blocking, () -> {
            Optional<Redrive> done;
            try {
                done = skip ? readSide.skip(id) : readSide.redrive(id);
            } catch (RuntimeException e) {
                LOG.warn("re-driving the parked aggregate {} failed", id, e);
                unavailable(exchange, "the projection's store cannot be reached now; the records stay parked");
                return;
            }
            if (done.isEmpty()) responses.problem(exchange, 404, "Not found", "no event dead letter " + id);
            else responses.json(exchange, 200, codec.admin().encodeRedrive(id, done.get()));
        });
    }

    private void answer(HttpServerExchange exchange, String id, Optional<Acceptance> outcome, Throwable error) {
        if (error != null) {
            failed(exchange, error instanceof CompletionException ? error.getCause() : error);
        } else if (outcome.isEmpty()) {
            responses.problem(exchange, 404, "Not found", "no dead letter " + id);
        } else if (outcome.get() instanceof Acceptance.Failed failed) {
            unavailable(exchange, "the re-drive failed, the dead letter is kept: " + failed.reason());
        } else {
            responses.json(exchange, 200, codec.replies().encode(outcome.get()));
        }
    }

    private void failed(HttpServerExchange exchange, Throwable error) {
        switch (error) {
            case CommandTimeoutException timeout -> responses.problem(exchange, 504, "Gateway timeout",
                    timeout.getMessage() + "; the dead letter is kept, re-drive it again");
            case ServiceUnavailableException unavailable ->
                    unavailable(exchange, unavailable.getMessage() + "; the dead letter is kept");
            default -> {
                LOG.warn("re-driving a dead letter failed", error);
                unavailable(exchange, "the re-drive could not be done now; the dead letter is kept");
            }
        }
    }

    private void unavailable(HttpServerExchange exchange, String detail) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
        responses.problem(exchange, 503, "Service unavailable", detail);
    }
}
