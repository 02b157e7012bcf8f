package io.lastmile.kpi;

import io.lastmile.ticket.KpiQueries;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The assessment as a spreadsheet: one row per group, the Chinese and English name of each column. */
final class AssessmentCsv {

    /** The columns in order: header, value. */
    private static final Map<String, Function<Assessment.Row, Object>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("分组 key", Assessment.Row::key);
        COLUMNS.put("名称 name", Assessment.Row::name);
        counts("受理量 received", KpiQueries.Counts::received);
        counts("即办量 immediate", KpiQueries.Counts::immediate);
        counts("承办量 handled", KpiQueries.Counts::handled);
        counts("办结量 resolved", KpiQueries.Counts::resolved);
        counts("派遣量 hand-overs", KpiQueries.Counts::handOvers);
        counts("签收量 signed for", KpiQueries.Counts::signedFor);
        counts("按时签收量 signed for on time", KpiQueries.Counts::signedOnTime);
        counts("回退量 returned", KpiQueries.Counts::returned);
        counts("结案量 closed", KpiQueries.Counts::closed);
        counts("重办量 redone", KpiQueries.Counts::redone);
        counts("应办结量 completion due", KpiQueries.Counts::completionDue);
        counts("按时办结量 resolved on time", KpiQueries.Counts::resolvedOnTime);
        counts("城管派遣量 urban dispatched", KpiQueries.Counts::urbanDispatched);
        counts("城管处置量 urban disposed", KpiQueries.Counts::urbanDisposed);
        counts("回访量 revisits", KpiQueries.Counts::revisits);
        counts("满意量 satisfied", KpiQueries.Counts::satisfied);
        rates("签收率 sign-for rate", Assessment.Rates::signedFor);
        rates("按时签收率 on-time sign-for rate", Assessment.Rates::signedOnTime);
        rates("回退率 return rate", Assessment.Rates::returned);
        rates("重办率 redo rate", Assessment.Rates::redone);
        rates("按时办结率 on-time resolution rate", Assessment.Rates::resolvedOnTime);
        rates("办结率 resolution rate", Assessment.Rates::resolved);
        rates("即办率 immediate rate", Assessment.Rates::immediate);
        rates("处置率 disposal rate", Assessment.Rates::disposed);
        rates("满意率 satisfaction rate", Assessment.Rates::satisfied);
        rates("平均签收分钟 average sign-for minutes", Assessment.Rates::averageSignForMinutes);
        rates("平均办结小时 average resolve hours", Assessment.Rates::averageResolveHours);
    }

    private static void counts(String header, Function<KpiQueries.Counts, Object> value) {
        COLUMNS.put(header, row -> value.apply(row.counts()));
    }

    private static void rates(String header, Function<Assessment.Rates, Object> value) {
        COLUMNS.put(header, row -> value.apply(row.rates()));
    }

    /** UTF-8 text with a byte-order mark, so that spreadsheet programs read the Chinese. */
    static String of(Assessment assessment) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(String.join(",", COLUMNS.keySet().stream().map(AssessmentCsv::field).toList())).append("\r\n");
        for (Assessment.Row row : assessment.rows()) {
            csv.append(String.join(",", COLUMNS.values().stream().map(v -> field(v.apply(row))).toList())).append("\r\n");
        }
        return csv.toString();
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return text.matches(".*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private AssessmentCsv() {
    }
}
