package dev.precinct.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.core.command.Route;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.domain.Domain;
import dev.precinct.police.Police;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiDocumentJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Route> POLICE_ROUTES = List.of(Route.post("/api/v1/officers"),
            Route.get("/api/v1/incidents"), Route.get("/api/v1/incidents/{incidentId}"));

    @Test
    void aDeclaredDocumentIsServedAsWrittenWithOnlyTheUndocumentedRoutesAdded() throws IOException {
        var written = JSON.readTree(getClass().getClassLoader().getResourceAsStream(Police.API_DOCUMENT));
        var routes = new ArrayList<>(POLICE_ROUTES);
        routes.add(Route.get("/api/v1/not-in-the-document"));

        var served = document(Police.domain(), routes);

        assertEquals(written.path("info"), served.path("info"));
        assertEquals(written.path("paths").path("/api/v1/officers"), served.path("paths").path("/api/v1/officers"),
                "a documented operation is kept as written");
        assertEquals(written.path("paths").size() + 1, served.path("paths").size());
        var generated = served.path("paths").path("/api/v1/not-in-the-document").path("get");
        assertEquals("GET /api/v1/not-in-the-document", generated.path("summary").asText());
        assertTrue(generated.path("responses").has("default"));
    }

    @Test
    void aDomainWithoutADocumentHasItsCommandsAndReadModelsDocumentedFromItsDeclaration() throws IOException {
        var police = Police.domain();
        var undocumented = new Domain(police.name(), police.commands(), police.views(), police.readers(),
                police.migrations(), Optional.empty());

        var served = document(undocumented, POLICE_ROUTES);

        assertEquals("3.1.0", served.path("openapi").asText());
        assertEquals("Precinct: police", served.path("info").path("title").asText());
        assertEquals("http", served.path("components").path("securitySchemes").path("bearer").path("type").asText());
        var register = served.path("paths").path("/api/v1/officers").path("post");
        assertEquals("RegisterOfficer", register.path("operationId").asText());
        var body = register.path("requestBody").path("content").path("application/json").path("schema");
        assertEquals(List.of("badgeNumber", "firstName", "lastName", "rank", "unit"), names(body.path("required")));
        assertEquals("string", body.path("properties").path("badgeNumber").path("type").asText());
        assertTrue(register.path("responses").has("202"));
        assertEquals("integer", register.path("responses").path("422").path("content")
                .path("application/problem+json").path("schema").path("properties").path("status").path("type").asText());

        var list = served.path("paths").path("/api/v1/incidents").path("get");
        var parameters = new ArrayList<String>();
        list.path("parameters").forEach(parameter -> parameters.add(parameter.path("name").asText()));
        assertTrue(parameters.containsAll(List.of("status", "limit", "cursor")), parameters.toString());
        var row = list.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("properties").path("items").path("items");
        assertEquals("string", row.path("properties").path("status").path("type").asText());
        assertTrue(names(row.path("properties").path("status").path("enum")).contains("OPEN"));
        assertEquals("array", row.path("properties").path("assignedBadges").path("type").asText());
        assertEquals("date-time", row.path("properties").path("reportedAt").path("format").asText());
        assertEquals("integer", row.path("properties").path("version").path("type").asText());

        var byId = served.path("paths").path("/api/v1/incidents/{incidentId}").path("get");
        assertEquals("path", byId.path("parameters").path(0).path("in").asText());
        assertTrue(byId.path("responses").has("404"));
        assertFalse(served.path("paths").has("/api/v1/observations"), "only the routes served are documented");
    }

    @Test
    void aDocumentMissingFromTheClassPathIsNamed() {
        var police = Police.domain();
        var missing = new Domain(police.name(), police.commands(), police.views(), police.readers(),
                police.migrations(), Optional.of("no/such/openapi.json"));

        var error = assertThrows(IllegalArgumentException.class, () -> document(missing, POLICE_ROUTES));

        assertTrue(error.getMessage().contains("no/such/openapi.json"), error.getMessage());
    }

    private static JsonNode document(Domain domain, List<Route> routes) throws IOException {
        return JSON.readTree(new JsonCodec(Catalog.of(domain)).apiDocument().document(routes));
    }

    private static List<String> names(JsonNode array) {
        var names = new ArrayList<String>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
