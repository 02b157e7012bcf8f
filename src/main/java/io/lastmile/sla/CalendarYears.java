package io.lastmile.sla;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/** Reads a year of the calendar from its JSON document: {@code year}, {@code source}, {@code holidays}, {@code workdays}. */
public final class CalendarYears {

    public static CalendarYear read(JsonNode document) {
        if (document == null || !document.path("year").canConvertToInt() || !document.path("year").isIntegralNumber()) {
            throw new IllegalArgumentException("year: a whole number is required");
        }
        int year = document.path("year").asInt();
        if (year < 2000 || year > 2100) {
            throw new IllegalArgumentException("year: " + year + " is not a plausible year");
        }
        return new CalendarYear(year, document.path("source").asText(""), dates(document, "holidays"),
                dates(document, "workdays"));
    }

    private static Set<LocalDate> dates(JsonNode document, String field) {
        JsonNode list = document.path(field);
        if (!list.isArray()) {
            throw new IllegalArgumentException(field + ": a list of dates (yyyy-MM-dd) is required");
        }
        Set<LocalDate> dates = new HashSet<>();
        for (JsonNode item : list) {
            try {
                dates.add(LocalDate.parse(item.asText()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + ": '" + item.asText() + "' is not a date (yyyy-MM-dd)");
            }
        }
        return dates;
    }

    private CalendarYears() {
    }
}
