package dev.precinct.examples.custody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.app.Precinct;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A domain that writes no OpenAPI document still has its routes documented at {@code /openapi.json}, from its
 * declaration: what an app that embeds Precinct serves to its clients.
 */
class CustodyApiDocumentTest {
    @Test
    void theEdgeDocumentsTheCustodyRoutesFromTheirDeclaration() throws Exception {
        try (var precinct = Precinct.builder().domain(Custody.domain()).http(0).start();
             var client = HttpClient.newHttpClient()) {
            var response = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + precinct.httpPort() + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            var paths = new ObjectMapper().readTree(response.body()).path("paths");

            var log = paths.path("/api/v1/evidence").path("post");
            assertEquals("LogEvidence", log.path("operationId").asText());
            var required = new ArrayList<String>();
            log.path("requestBody").path("content").path("application/json").path("schema").path("required")
                    .forEach(name -> required.add(name.asText()));
            assertTrue(required.contains("description"), required.toString());
            assertEquals("TransferCustody", paths.path("/api/v1/evidence/{itemId}/transfers").path("post")
                    .path("operationId").asText());
            JsonNode row = paths.path("/api/v1/evidence/{itemId}").path("get").path("responses").path("200")
                    .path("content").path("application/json").path("schema");
            assertEquals("integer", row.path("properties").path("handovers").path("type").asText());
            assertTrue(paths.has("/admin/projections"), "the engine's routes are listed too");
            assertFalse(paths.has("/api/v1/officers"), "the node runs no police: " + paths.properties().size());
        }
    }
}
