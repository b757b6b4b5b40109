package dev.precinct.examples.custody;

import dev.precinct.app.Precinct;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.Caller;
import dev.precinct.core.command.Principal;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.CommandStatus;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.view.ViewFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The custody domain embedded in a JVM, no services and no HTTP: commands and reads in process. */
class CustodyEmbeddedTest {
    private static final Caller ALICE = new Caller(new Principal("alice"), Set.of(Custody.EVIDENCE_OFFICER));
    private static final Caller BOB = new Caller(new Principal("bob"), Set.of(Custody.EVIDENCE_OFFICER));
    private static final Caller AUDITOR = new Caller(new Principal("audit"), Set.of(Custody.AUDITOR));

    private Precinct precinct;

    @BeforeEach
    void start() throws Exception {
        precinct = Precinct.builder().domain(Custody.domain()).withoutHttp().start();
    }

    @AfterEach
    void stop() {
        precinct.close();
    }

    @Test
    void theCurrentCustodianHandsAnItemOverAndTheChainOfCustodyShowsEveryHand() throws Exception {
        var logged = accepted(precinct.commands().send(Custody.LOG, new LogEvidence(null, "a knife, bagged"), ALICE).get());
        var itemId = logged.resource().substring("/api/v1/evidence/".length());
        applied(logged);

        applied(accepted(precinct.commands().send(Custody.TRANSFER, new TransferCustody(itemId, "bob"), ALICE).get()));

        var item = precinct.readModels().find(EvidenceItem.MODEL, itemId).orElseThrow();
        assertEquals("bob", item.custodian());
        assertEquals(1, item.handovers());
        var chain = precinct.readModels().find(CustodyHistory.MODEL, itemId).orElseThrow().chain();
        assertEquals(List.of("alice", "bob"), chain.stream().map(CustodyHistory.Custody::custodian).toList());
        var bobs = precinct.readModels().of(EvidenceItem.MODEL)
                .list(ViewFilter.where().is("custodian", "bob").build(), PageRequest.first(10)).items();
        assertEquals(List.of(itemId), bobs.stream().map(EvidenceItem::itemId).toList());
    }

    @Test
    void onlyTheCurrentCustodianMayHandAnItemOver() throws Exception {
        var logged = accepted(precinct.commands().send(Custody.LOG, new LogEvidence(null, "a phone"), ALICE).get());
        var itemId = logged.resource().substring("/api/v1/evidence/".length());
        applied(logged);

        var byBob = precinct.commands().send(Custody.TRANSFER, new TransferCustody(itemId, "bob"), BOB).get();
        var byAnAuditor = precinct.commands().send(Custody.TRANSFER, new TransferCustody(itemId, "audit"), AUDITOR).get();

        var refused = assertInstanceOf(Acceptance.Rejected.class, byBob);
        assertEquals(Acceptance.Code.CONFLICT, refused.code());
        assertTrue(refused.reason().contains("only the current custodian, alice"), refused.reason());
        assertEquals(Acceptance.Code.UNAUTHORIZED, assertInstanceOf(Acceptance.Rejected.class, byAnAuditor).code());
        assertEquals("alice", precinct.readModels().find(EvidenceItem.MODEL, itemId).orElseThrow().custodian());
    }

    private static Acceptance.Accepted accepted(Acceptance acceptance) {
        return assertInstanceOf(Acceptance.Accepted.class, acceptance, acceptance::toString);
    }

    private void applied(Acceptance.Accepted accepted) throws Exception {
        var status = precinct.commandStatus(accepted.correlationId(), Duration.ofSeconds(10)).get();
        assertEquals(CommandStatus.APPLIED, status.map(CommandStatusView::status).orElse(null), status::toString);
    }
}
