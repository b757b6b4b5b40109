package dev.precinct.adapters.kafka;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaReplicationTest {
    private static final Optional<Short> UNSET = Optional.empty();

    @Test
    void threeBrokersOrMoreGetThreeCopiesTwoInSync() {
        assertEquals(new KafkaReplication((short) 3, (short) 2), KafkaReplication.forCluster(3, UNSET, UNSET));
        assertEquals(new KafkaReplication((short) 3, (short) 2), KafkaReplication.forCluster(5, UNSET, UNSET));
        assertTrue(KafkaReplication.forCluster(3, UNSET, UNSET).unsafeBecause().isEmpty());
    }

    @Test
    void fewerBrokersGetOneCopyWithTheReasonItIsUnsafe() {
        var single = KafkaReplication.forCluster(2, UNSET, UNSET);

        assertEquals(new KafkaReplication((short) 1, (short) 1), single);
        assertTrue(single.unsafeBecause().orElseThrow().contains("replication factor 1"), single.unsafeBecause()::get);
    }

    @Test
    void configuredValuesWinAndAnUnsetMinimumFollowsTheFactor() {
        assertEquals(new KafkaReplication((short) 2, (short) 1), KafkaReplication.forCluster(3, Optional.of((short) 2), UNSET));
        assertEquals(new KafkaReplication((short) 3, (short) 3),
                KafkaReplication.forCluster(3, UNSET, Optional.of((short) 3)));
        assertTrue(new KafkaReplication((short) 3, (short) 3).unsafeBecause().orElseThrow().contains("no command is accepted"));
        assertTrue(new KafkaReplication((short) 2, (short) 1).unsafeBecause().orElseThrow().contains("min.insync.replicas 1"));
    }

    @Test
    void aFactorLargerThanTheClusterOrAMinimumAboveTheFactorIsRefused() {
        var tooLarge = assertThrows(IllegalArgumentException.class,
                () -> KafkaReplication.forCluster(1, Optional.of((short) 3), UNSET));
        assertTrue(tooLarge.getMessage().contains("the cluster has 1"), tooLarge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KafkaReplication.forCluster(3, UNSET, Optional.of((short) 4)));
    }
}
