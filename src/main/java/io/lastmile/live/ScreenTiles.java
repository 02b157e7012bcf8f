package io.lastmile.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.kpi.Assessment;
import io.lastmile.kpi.LiveKpis;

/**
 * The KPI tiles of a screen, from the live KPIs (docs/kpis.md), so that a screen and the month's
 * assessment show the same figures: today's tickets by channel, the open tickets with yellow and
 * red cards, and three rates of this month: 签收率, 按时办结率 and 满意率.
 */
final class ScreenTiles {

    private ScreenTiles() {
    }

    static ObjectNode of(LiveKpis.Tiles live, ObjectMapper json) {
        Assessment.Rates rates = Assessment.Rates.of(live.monthCounts());
        ObjectNode tiles = json.createObjectNode();
        tiles.put("today", live.today());
        ObjectNode byChannel = tiles.putObject("todayByChannel");
        live.todayByChannel().forEach(byChannel::put);
        tiles.put("open", live.open());
        tiles.put("openYellow", live.openYellow());
        tiles.put("openRed", live.openRed());
        putPercent(tiles, "signForRate", rates.signedFor());
        putPercent(tiles, "onTimeRate", rates.resolvedOnTime());
        putPercent(tiles, "satisfactionRate", rates.satisfied());
        // The rates' period, which the tile names (本月): the month the assessment reports them for.
        tiles.put("rateMonth", live.month().toString());
        tiles.put("ready", live.ready());
        return tiles;
    }

    /** A rate in per cent with one decimal, or null when there is nothing to divide. */
    private static void putPercent(ObjectNode tiles, String name, Double rate) {
        if (rate == null) {
            tiles.putNull(name);
        } else {
            tiles.put(name, Math.round(rate * 1000.0) / 10.0);
        }
    }
}
