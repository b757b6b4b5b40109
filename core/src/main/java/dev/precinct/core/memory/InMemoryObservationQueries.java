package dev.precinct.core.memory;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.observation.ObservationFilter;
import dev.precinct.core.observation.ObservationView;
import dev.precinct.core.port.ObservationQueries;

import java.util.Comparator;
import java.util.Optional;

/** {@link ObservationQueries} over the in-memory observation rows. */
public final class InMemoryObservationQueries implements ObservationQueries {
    private final InMemoryProjectionStore<ObservationView> observations;

    public InMemoryObservationQueries(InMemoryProjectionStore<ObservationView> observations) {
        this.observations = observations;
    }

    @Override
    public Optional<ObservationView> find(String observationId) {
        return observations.find(observationId);
    }

    @Override
    public Page<ObservationView> list(ObservationFilter filter, PageRequest request) {
        var cursor = request.cursor() == null ? null : NewestFirst.ofCursor(request.cursor());
        return KeysetPages.page(observations.rows(), filter::matches,
                Comparator.comparing(InMemoryObservationQueries::key, NewestFirst.ORDER),
                observation -> cursor == null || key(observation).after(cursor), request,
                observation -> key(observation).cursor());
    }

    private static NewestFirst key(ObservationView observation) {
        return new NewestFirst(observation.observedAt(), observation.observationId());
    }
}
