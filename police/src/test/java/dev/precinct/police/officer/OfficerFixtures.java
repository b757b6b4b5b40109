package dev.precinct.police.officer;

import dev.precinct.core.view.StoredView;
import dev.precinct.police.Police;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.Principal;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Officer commands, events and read-model rows for tests. Badge numbers are random, so tests that share a real
 * event log can tell their own events from everybody else's.
 */
public final class OfficerFixtures {
    /** The officer read model's storage as the police domain declares it. */
    @SuppressWarnings("unchecked")
    public static StoredView<OfficerView> storage() {
        return (StoredView<OfficerView>) Police.domain().views().stream()
                .filter(view -> view.storage().model().equals(OfficerView.MODEL)).findFirst().orElseThrow().storage();
    }

    private static final String BADGE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** When the officers of {@link #anOfficerRow} registered: whole microseconds, as a database keeps times. */
    public static final Instant REGISTERED_AT = Instant.parse("2026-11-02T07:45:10.654321Z");

    private OfficerFixtures() {
    }

    /** A badge number no other test uses: {@code T-} and ten random letters and digits. */
    public static String aUniqueBadge() {
        var random = ThreadLocalRandom.current();
        var badge = new StringBuilder("T-");
        for (int i = 0; i < 10; i++) badge.append(BADGE_CHARACTERS.charAt(random.nextInt(BADGE_CHARACTERS.length())));
        return badge.toString();
    }

    /** A valid registration of a new officer with a unique badge. */
    public static RegisterOfficer aRegisterOfficer() {
        return aRegisterOfficer(aUniqueBadge());
    }

    /** A valid registration of the officer with {@code badge}. */
    public static RegisterOfficer aRegisterOfficer(String badge) {
        return new RegisterOfficer(badge, "Jane", "Tennison", Rank.INSPECTOR.name(), "CID Southampton Row");
    }

    /** The event of a valid registration of a new officer with a unique badge. */
    public static EventEnvelope aRegisterOfficerRequested() {
        return aRegisterOfficerRequested(aRegisterOfficer());
    }

    /** The event of {@code command}, as the business-logic service publishes it, with fresh ids. */
    public static EventEnvelope aRegisterOfficerRequested(RegisterOfficer command) {
        return new EventEnvelope(UUID.randomUUID(), Officers.REGISTER, command, EventEnvelope.SOURCE_BL,
                Instant.now(), CorrelationId.random(), CommandId.random(), new Principal("sgt.lewis"),
                aTraceparent());
    }

    /**
     * A row of the officer read model, registered and last changed at {@link #REGISTERED_AT}, without a current
     * incident (the officer projection never sets one), in version 1.
     */
    public static OfficerView anOfficerRow(String badge, DutyStatus dutyStatus, String unit) {
        return new OfficerView(badge, "Jane", "Tennison", Rank.INSPECTOR, unit, dutyStatus, null, REGISTERED_AT,
                REGISTERED_AT, 1);
    }

    /** {@code officer}'s row after a change of duty status at {@code changedAt}. */
    public static OfficerView withDutyStatus(OfficerView officer, DutyStatus dutyStatus, Instant changedAt) {
        return new OfficerView(officer.badgeNumber(), officer.firstName(), officer.lastName(), officer.rank(),
                officer.unit(), dutyStatus, null, officer.registeredAt(), changedAt, officer.version() + 1);
    }

    /** A W3C trace context with random, valid trace and span ids. */
    public static String aTraceparent() {
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        var traceId = new byte[16];
        var spanId = new byte[8];
        random.nextBytes(traceId);
        random.nextBytes(spanId);
        return "00-" + hex.formatHex(traceId) + "-" + hex.formatHex(spanId) + "-01";
    }
}
