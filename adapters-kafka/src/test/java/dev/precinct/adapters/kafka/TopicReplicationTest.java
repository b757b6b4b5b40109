package dev.precinct.adapters.kafka;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicReplicationTest {
    private static final Optional<Short> UNSET = Optional.empty();

    @Test
    void threeBrokersOrMoreGetThreeCopiesTwoInSync() {
        assertEquals(new TopicReplication((short) 3, (short) 2), TopicReplication.forCluster(3, UNSET, UNSET));
        assertEquals(new TopicReplication((short) 3, (short) 2), TopicReplication.forCluster(5, UNSET, UNSET));
        assertTrue(TopicReplication.forCluster(3, UNSET, UNSET).unsafeBecause().isEmpty());
    }

    @Test
    void fewerBrokersGetOneCopyWithTheReasonItIsUnsafe() {
        var single = TopicReplication.forCluster(2, UNSET, UNSET);

        assertEquals(new TopicReplication((short) 1, (short) 1), single);
        assertTrue(single.unsafeBecause().orElseThrow().contains("replication factor 1"), single.unsafeBecause()::get);
    }

    @Test
    void configuredValuesWinAndAnUnsetMinimumFollowsTheFactor() {
        assertEquals(new TopicReplication((short) 2, (short) 1), TopicReplication.forCluster(3, Optional.of((short) 2), UNSET));
        assertEquals(new TopicReplication((short) 3, (short) 3),
                TopicReplication.forCluster(3, UNSET, Optional.of((short) 3)));
        assertTrue(new TopicReplication((short) 3, (short) 3).unsafeBecause().orElseThrow().contains("no command is accepted"));
        assertTrue(new TopicReplication((short) 2, (short) 1).unsafeBecause().orElseThrow().contains("min.insync.replicas 1"));
    }

    @Test
    void aFactorLargerThanTheClusterOrAMinimumAboveTheFactorIsRefused() {
        var tooLarge = assertThrows(IllegalArgumentException.class,
                () -> TopicReplication.forCluster(1, Optional.of((short) 3), UNSET));
        assertTrue(tooLarge.getMessage().contains("the cluster has 1"), tooLarge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopicReplication.forCluster(3, UNSET, Optional.of((short) 4)));
    }
}
