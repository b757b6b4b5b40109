package dev.precinct.core.command;

import dev.precinct.core.view.ReadModels;
import java.util.Optional;

/**
 * A command's rules at acceptance, checked by the business-logic service against the current read models before
 * it publishes. Best effort: the projection has the final word in log order.
 *
 * @param <C> the command
 */
@FunctionalInterface
public interface AcceptanceRule<C extends Command> {
    /** Accepts every command whose fields are valid. */
    static <C extends Command> AcceptanceRule<C> none() {
        return (command, principal, readModels) -> Optional.empty();
    }

    /**
     * Checks {@code command}, issued by {@code principal}, against the read models. Called only when the command's
     * field rules passed. Must not throw for a business refusal: it returns it.
     */
    Optional<Rejection> check(C command, Principal principal, ReadModels readModels);
}
