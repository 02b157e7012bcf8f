package io.lastmile.demo;

import io.lastmile.demo.DemoRecords.SourceRecord;
import io.lastmile.intake.Consumer12315Adapter;
import io.lastmile.intake.Environment12369Adapter;
import io.lastmile.intake.GridCaseAdapter;
import io.lastmile.intake.Hotline12345Adapter;
import io.lastmile.intake.KioskAdapter;
import io.lastmile.intake.SourceAdapter;
import io.lastmile.intake.UrbanCaseAdapter;
import io.lastmile.ticket.NewTicket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo feed writes what the real sources write: every record it makes is one its adapter accepts. */
class DemoRecordsTest {

    private final Map<String, SourceAdapter> adapters = Map.of(
            "12345", new Hotline12345Adapter(), "12315", new Consumer12315Adapter(),
            "12369", new Environment12369Adapter(), "urban", new UrbanCaseAdapter(),
            "kiosk", new KioskAdapter(), "grid", new GridCaseAdapter());

    @Test
    void everyGeneratedRecordIsAcceptedByItsChannelsAdapter() {
        DemoRecords records = new DemoRecords(new Random(42));
        Instant now = Instant.parse("2026-11-23T02:00:00Z");
        Map<String, Integer> perChannel = new HashMap<>();
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            SourceRecord record = records.next(now.plusSeconds(i));
            NewTicket ticket = adapters.get(record.channel()).toTicket(record.value(), now.plusSeconds(i));
            assertEquals(record.channel(), ticket.channel().code());
            perChannel.merge(record.channel(), 1, Integer::sum);
            texts.add(ticket.text());
        }
        assertEquals(Set.of("12345", "12315", "12369", "urban", "kiosk", "grid"), perChannel.keySet(), "all channels");
        assertTrue(texts.size() > 200, "texts vary: " + texts.size() + " distinct in 2000");
    }

    @Test
    void generatedHotlineCallsNameTheSeedsTownsAndVillages() {
        DemoRecords records = new DemoRecords(new Random(7));
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            addresses.add(new Hotline12345Adapter().toTicket(records.hotline(Instant.parse("2026-11-23T02:00:00Z")).value(),
                    Instant.parse("2026-11-23T02:00:00Z")).address());
        }
        for (String place : List.of("修山镇花桥港村", "大栗港镇兴坪村", "浮邱山乡枳木山村")) {
            assertTrue(addresses.stream().anyMatch(a -> a.contains(place)), place);
        }
    }
}
