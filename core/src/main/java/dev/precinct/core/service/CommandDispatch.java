package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.port.CommandGateway;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The edge's one gateway: each command goes down its catalog write path. */
public final class CommandDispatch implements CommandGateway {
    private final CommandGateway requestReply;
    private final CommandGateway fireAndForget;

    public CommandDispatch(CommandGateway requestReply, CommandGateway fireAndForget) {
        this.requestReply = Objects.requireNonNull(requestReply, "requestReply");
        this.fireAndForget = Objects.requireNonNull(fireAndForget, "fireAndForget");
    }

    @Override
    public CompletableFuture<Acceptance> send(CommandEnvelope command) {
        return switch (command.type().writePath()) {
            case REQUEST_REPLY -> requestReply.send(command);
            case FIRE_AND_FORGET -> fireAndForget.send(command);
        };
    }
}
