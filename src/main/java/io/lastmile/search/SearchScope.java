package io.lastmile.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lastmile.ticket.TicketScope;

import java.util.List;

/**
 * What the caller may see, decided by the server and never by the request: filters in the search
 * engine's query language that every search adds to the caller's own, so that hits, totals, facets
 * and the histogram all stay within the caller's jurisdiction.
 */
public record SearchScope(List<JsonNode> filters) {

    private static final SearchScope EVERYTHING = new SearchScope(List.of());

    public SearchScope {
        filters = List.copyOf(filters);
    }

    public static SearchScope everything() {
        return EVERYTHING;
    }

    /**
     * The index's form of {@link TicketScope#covers}: owned or assisted by one of the units, or
     * located in the area (a township or village code, as a prefix of either).
     */
    public static SearchScope of(TicketScope scope) {
        if (scope.everything()) {
            return EVERYTHING;
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode bool = json.objectNode();
        var should = bool.putArray("should");
        if (!scope.unitCodes().isEmpty()) {
            var units = should.addObject().putObject("terms").putArray("unit.code");
            scope.unitCodes().stream().sorted().forEach(units::add);
            var assisting = should.addObject().putObject("terms").putArray("assistingUnits");
            scope.unitCodes().stream().sorted().forEach(assisting::add);
        }
        if (scope.areaCode() != null) {
            should.addObject().putObject("prefix").put("townshipCode", scope.areaCode());
            should.addObject().putObject("prefix").put("villageCode", scope.areaCode());
        }
        // With no unit and no area the should list is empty and must still match nothing.
        bool.put("minimum_should_match", 1);
        ObjectNode filter = json.objectNode();
        filter.set("bool", bool);
        return new SearchScope(List.of(filter));
    }
}
