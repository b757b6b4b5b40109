package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.Caller;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.CommandClient;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.command.TraceContext;
import dev.precinct.core.port.CommandGateway;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The {@link CommandClient} of a node: the caller's roles checked as the edge checks them, then the gateway. */
public final class InProcessCommands implements CommandClient {
    private final CommandGateway gateway;

    /** @param gateway where the edge sends commands: each down its write path */
    public InProcessCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public <C extends Command> CompletableFuture<Acceptance> send(CommandType<C> type, C data, Caller caller,
                                                                  Optional<String> idempotencyKey) {
        var commandId = idempotencyKey.map(CommandId::new).orElseGet(CommandId::random);
        var correlationId = CorrelationId.random();
        if (!type.permits(caller, data))
            return CompletableFuture.completedFuture(new Acceptance.Rejected(commandId, correlationId,
                    new Rejection(Acceptance.Code.UNAUTHORIZED, "the caller's roles do not allow " + type.name(),
                            List.of())));
        return gateway.send(new CommandEnvelope(type, data, commandId, correlationId, caller.principal(),
                TraceContext.continueOrStart(null)));
    }
}
