package dev.precinct.adapters.jdbc;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.testing.TestServices;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table and indexes Precinct creates for a stored view, in a real PostgreSQL. */
class JdbiStoredViewTableIT {
    /** The longest view name there may be (41 characters), so every field's index name is past 63 bytes. */
    private static final String LONG_NAME = "evidence_items_held_by_the_property_rooms";

    record Item(String id, String custodianBadgeNumberAtIntake, String custodianBadgeNumberAtRelease) {
    }

    private PostgresDatabase database;

    @BeforeEach
    void openDatabase() {
        database = new PostgresDatabase(TestServices.freshDatabase(), TestServices.jdbcUser(),
                TestServices.jdbcPassword());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void twoLongFieldNamesThatShareTheirFirst63BytesGetAnIndexEach() {
        var view = StoredView.of(new ReadModel<>(LONG_NAME, Item.class))
                .fields(ViewField.equal("custodianBadgeNumberAtIntake", Item::custodianBadgeNumberAtIntake),
                        ViewField.equal("custodianBadgeNumberAtRelease", Item::custodianBadgeNumberAtRelease))
                .build();
        var table = "precinct_view_" + LONG_NAME;
        var intake = JdbiStoredViewTable.indexName(table, "custodianBadgeNumberAtIntake");
        var release = JdbiStoredViewTable.indexName(table, "custodianBadgeNumberAtRelease");
        assertEquals(intake.substring(0, 50), release.substring(0, 50), "the names meet in their first 50 bytes");

        JdbiStoredViewTable.create(database.jdbi(), view, new JsonCodec(Catalog.of()));
        JdbiStoredViewTable.create(database.jdbi(), view, new JsonCodec(Catalog.of()));

        var indexes = database.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = :table
                ORDER BY indexname""").bind("table", table).mapTo(String.class).list());
        assertTrue(indexes.containsAll(List.of(intake, release)), indexes.toString());
        assertEquals(3, indexes.size(), "the primary key and one index per field, once: " + indexes);
        assertTrue(intake.length() <= 63 && release.length() <= 63, intake + ", " + release);
    }

    @Test
    void aShortIndexNameReadsAsTheFieldItIndexes() {
        assertEquals("precinct_view_incidents_by_status",
                JdbiStoredViewTable.indexName("precinct_view_incidents", "status"));
    }
}
