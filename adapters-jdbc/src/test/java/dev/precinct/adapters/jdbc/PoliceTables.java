package dev.precinct.adapters.jdbc;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.view.StoredView;
import dev.precinct.police.Police;
import dev.precinct.police.officer.OfficerView;
import org.jdbi.v3.core.Jdbi;

/** The police read models' stored-view tables, for tests that put a store together by hand. */
final class PoliceTables {
    private PoliceTables() {
    }

    /** The officer read model's table in {@code jdbi}'s database, created when missing. */
    @SuppressWarnings("unchecked")
    static JdbiStoredViewTable<OfficerView> officers(Jdbi jdbi) {
        var view = Police.domain().views().stream().filter(v -> v.storage().model().equals(OfficerView.MODEL))
                .findFirst().orElseThrow();
        return JdbiStoredViewTable.create(jdbi, (StoredView<OfficerView>) view.storage(), new JsonCodec(Police.catalog()));
    }
}
