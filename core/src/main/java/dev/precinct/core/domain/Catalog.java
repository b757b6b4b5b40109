package dev.precinct.core.domain;

import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Role;
import dev.precinct.core.view.ReadModel;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every command and read model of the domains a node runs, and look-ups by the names adapters see on the wire.
 * Checks at construction that no two commands share a name, subject or route and no two read models a name.
 * Immutable; thread-safe.
 */
public final class Catalog {
    private final List<Domain> domains;
    private final List<CommandType<?>> commands;
    private final List<ProjectedView<?>> views;
    private final Map<String, CommandType<?>> byName;
    private final Map<String, CommandType<?>> byEventType;
    private final Map<ReadModel<?>, Set<Role>> readers = new HashMap<>();

    private Catalog(List<Domain> domains) {
        this.domains = List.copyOf(domains);
        this.commands = domains.stream().flatMap(domain -> domain.commands().stream()).toList();
        this.views = domains.stream().flatMap(domain -> domain.views().stream()).toList();
        this.byName = index(commands, CommandType::name, "command");
        this.byEventType = index(commands, CommandType::eventType, "event type");
        index(commands.stream().filter(type -> type.natsSubject().isPresent()).toList(),
                type -> type.natsSubject().orElseThrow(), "NATS subject");
        index(commands, type -> type.route().method() + " " + type.route().path(), "route");
        index(views, ProjectedView::name, "projection");
        for (var domain : domains)
            for (var view : domain.views()) readers.put(view.storage().model(), domain.readers());
    }

    /** The catalog of {@code domains}. */
    public static Catalog of(Domain... domains) {
        return new Catalog(List.of(domains));
    }

    public static Catalog of(List<Domain> domains) {
        return new Catalog(domains);
    }

    public List<Domain> domains() {
        return domains;
    }

    /** Every command type, in declaration order. */
    public List<CommandType<?>> commands() {
        return commands;
    }

    /** Every read model with its projection, in declaration order. */
    public List<ProjectedView<?>> views() {
        return views;
    }

    public Optional<CommandType<?>> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<CommandType<?>> byEventType(String eventType) {
        return Optional.ofNullable(byEventType.get(eventType));
    }

    /** Every distinct topic the commands write to. */
    public List<String> topics() {
        return commands.stream().map(CommandType::topic).distinct().toList();
    }

    /** The roles that may read {@code model}; empty for a read model of no domain here. */
    public Set<Role> readers(ReadModel<?> model) {
        return readers.getOrDefault(model, Set.of());
    }

    /** The roles that may read at least one read model, or a command's status. */
    public Set<Role> readers() {
        var all = new LinkedHashSet<Role>();
        domains.forEach(domain -> all.addAll(domain.readers()));
        return all;
    }

    /** Every role the domains name, and {@link Role#ADMIN}. */
    public Set<Role> roles() {
        var all = new LinkedHashSet<Role>();
        commands.forEach(type -> all.addAll(type.roles()));
        all.addAll(readers());
        all.add(Role.ADMIN);
        return all;
    }

    /** The Flyway locations of every domain's own migrations. */
    public List<String> migrations() {
        return domains.stream().flatMap(domain -> domain.migrations().stream()).distinct().toList();
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key, String what) {
        var index = new HashMap<String, T>();
        for (var item : items)
            if (index.put(key.apply(item), item) != null)
                throw new IllegalArgumentException("two declarations share the " + what + " " + key.apply(item));
        return Map.copyOf(index);
    }
}
