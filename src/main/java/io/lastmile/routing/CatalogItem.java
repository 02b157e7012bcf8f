package io.lastmile.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One matter of the catalog (事项目录): what it is, which level handles it, and how to recognize
 * a ticket about it.
 *
 * @param code              catalog code
 * @param name              the matter
 * @param windowCategory    one of the window categories (计生服务 … 综合服务, 城市管理, 市场监管, 生态环境)
 * @param handlingLevel     village, township or county
 * @param owningDepartment  the county department (unit code) responsible for it
 * @param legalLimitDays    the legal time limit
 * @param promisedLimitDays the promised one (承诺时限), shorter
 * @param clockPolicy       working-days, working-hours or calendar-hours
 * @param documents         what the citizen must bring (一次性告知)
 * @param delegationMode    直接赋权, 委托下放 or 服务前移
 * @param rules             how tickets are classified to it
 * @param autoDispatch      whether its tickets are dispatched at receipt when their routing is certain; absent: the
 *                          channel's setting ({@code lastmile.dispatch.auto.channels.*})
 * @param clocks            the matter's own stage clocks, over its channel's and its urgency's (an emergency such as a
 *                          water outage, whatever urgency the operator chose); absent for most matters
 */
public record CatalogItem(String code, String name, String windowCategory, HandlingLevel handlingLevel,
        String owningDepartment, int legalLimitDays, int promisedLimitDays, String clockPolicy, List<String> documents,
        String delegationMode, Rules rules, Boolean autoDispatch, StageClocks clocks) {

    /** The levels that handle matters: small things stay in the village, big ones in the township (小事不出村、大事不出乡镇). */
    public enum HandlingLevel {
        VILLAGE, TOWNSHIP, COUNTY;

        /** Written in lower case in the catalog file (village, township, county). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static HandlingLevel of(String text) {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String written() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param channels       every ticket of these channels (12315, 12369, kiosk) unless a more specific rule matches
     * @param urbanCodes     urban-management minor category codes (0105 …)
     * @param gridCategories grid platform categories (矛盾纠纷 …)
     * @param keywords       words in the text that name the matter; each weighs {@value #KEYWORD_WEIGHT} for the
     *                       classifier unless {@code words} gives it another weight
     * @param words          the words, synonyms and common misspellings callers use for the matter, each with its weight
     *                       (about 1 for a usual word, 2–3 for one that alone names the matter)
     */
    public record Rules(List<String> channels, List<String> urbanCodes, List<String> gridCategories,
            List<String> keywords, Map<String, Double> words) {

        /** What a keyword weighs: on its own it is enough for the classifier to decide. */
        public static final double KEYWORD_WEIGHT = 3.0;

        public Rules {
            channels = channels == null ? List.of() : List.copyOf(channels);
            urbanCodes = urbanCodes == null ? List.of() : List.copyOf(urbanCodes);
            gridCategories = gridCategories == null ? List.of() : List.copyOf(gridCategories);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
            words = words == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(words));
        }

        /** The keywords and the words, each with its weight, as the classifier reads them (Latin letters in lower case). */
        public Map<String, Double> weightedWords() {
            Map<String, Double> weighted = new LinkedHashMap<>();
            keywords.forEach(k -> weighted.put(k.toLowerCase(Locale.ROOT), KEYWORD_WEIGHT));
            words.forEach((w, weight) -> weighted.put(w.toLowerCase(Locale.ROOT), weight));
            return weighted;
        }
    }

    public CatalogItem {
        documents = documents == null ? List.of() : List.copyOf(documents);
        rules = rules == null ? new Rules(null, null, null, null, null) : rules;
    }
}
