package io.lastmile.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/** 联办: the assisting units of a ticket led by its owning unit, each reporting its part. */
public final class JointHandling {

    /**
     * An assisting unit and whether it has reported. The order of the components is the order in
     * the stored JSON, which the inbox query relies on ({@code "unitCode":"…","reported":false}).
     */
    public record Assistant(String unitCode, boolean reported, String unitName, String report) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static List<Assistant> read(String json) {
        try {
            return json == null || json.isBlank() ? List.of() : JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("assistants are not JSON", e);
        }
    }

    public static String write(List<Assistant> assistants) {
        try {
            return JSON.writeValueAsString(assistants);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The assisting units that have not reported yet: a joint ticket cannot be resolved before they do. */
    public static List<Assistant> pending(String json) {
        return read(json).stream().filter(a -> !a.reported()).toList();
    }

    private JointHandling() {
    }
}
