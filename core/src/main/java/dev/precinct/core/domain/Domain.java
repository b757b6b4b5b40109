package dev.precinct.core.domain;

import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Role;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ViewStorage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One domain an app declares to Precinct: its commands (each with its event, rules, roles, write path, topic,
 * subject and route), its read models (each a projection and its storage), who may read them, and for read models
 * written by JDBC handlers the app's own migrations. A node runs one or more domains ({@link Catalog}). Build one
 * with {@link #builder}; immutable once built.
 *
 * @param readers    the roles that may read this domain's read models and command statuses
 * @param migrations Flyway locations of the app's own migrations (for {@link dev.precinct.core.view.JdbcView}s),
 *                   e.g. {@code classpath:db/custody}; run with Precinct's own, before anything else starts
 * @param apiDocument the class-path resource of the domain's own OpenAPI document (e.g.
 *                    {@code com/example/tickets/openapi.json}), which the edge serves at {@code /openapi.json} merged
 *                    with the other domains'; empty: the edge documents the domain's routes from its declaration
 */
public record Domain(String name, List<CommandType<?>> commands, List<ProjectedView<?>> views, Set<Role> readers,
                     List<String> migrations, Optional<String> apiDocument) {
    public Domain {
        Objects.requireNonNull(name, "name");
        commands = List.copyOf(commands);
        views = List.copyOf(views);
        readers = Set.copyOf(readers);
        migrations = List.copyOf(migrations);
        Objects.requireNonNull(apiDocument, "apiDocument");
        for (var command : commands)
            if (views.stream().noneMatch(view -> view.name().equals(command.projection())))
                throw new IllegalArgumentException(name + ": command " + command.name() + " is decided by projection "
                        + command.projection() + ", which the domain does not declare");
    }

    /** Starts the declaration of the domain {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects a domain's declaration. */
    public static final class Builder {
        private final String name;
        private final List<CommandType<?>> commands = new ArrayList<>();
        private final List<ProjectedView<?>> views = new ArrayList<>();
        private final Set<Role> readers = new LinkedHashSet<>();
        private final List<String> migrations = new ArrayList<>();
        private String apiDocument;

        private Builder(String name) {
            this.name = name;
        }

        public Builder commands(CommandType<?>... commands) {
            this.commands.addAll(List.of(commands));
            return this;
        }

        /** A read model: {@code projection} decides its rows, {@code storage} keeps and serves them. */
        public <V> Builder view(Projection<V> projection, ViewStorage<V> storage) {
            views.add(new ProjectedView<>(projection, storage));
            return this;
        }

        public Builder readers(Role... roles) {
            readers.addAll(List.of(roles));
            return this;
        }

        public Builder migrations(String... locations) {
            migrations.addAll(List.of(locations));
            return this;
        }

        /** The class-path resource of the domain's own OpenAPI document; see {@link Domain#apiDocument()}. */
        public Builder apiDocument(String resource) {
            this.apiDocument = Objects.requireNonNull(resource, "resource");
            return this;
        }

        public Domain build() {
            return new Domain(name, commands, views, readers, migrations, Optional.ofNullable(apiDocument));
        }
    }
}
