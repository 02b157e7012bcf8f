package io.lastmile.intake;

import io.lastmile.platform.StorableText;
import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 12369 environmental reports: XML in UTF-8 or, from older installations, GBK, as the XML
 * declaration says. Parsed from bytes so the declaration decides. DOCTYPEs are refused outright,
 * which makes external entities (XXE) and entity expansion impossible.
 */
@ApplicationScoped
public class Environment12369Adapter implements SourceAdapter {

    /** Errors become the rejection's reason; the parser's default would also print them to stderr. */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static final Set<String> POLLUTION_TYPES = Set.of("大气", "水", "噪声", "固废", "辐射");

    @Override
    public Channel channel() {
        return Channel.ENVIRONMENT_12369;
    }

    @Override
    public NewTicket toTicket(byte[] body, Instant now) {
        Element report = parse(body).getDocumentElement();
        if (!"report".equals(report.getTagName())) {
            throw IntakeRejected.malformed("根元素须为 <report> (the root element must be <report>, got <"
                    + report.getTagName() + ">)");
        }
        String id = required(report, "bh", 128);
        Instant time = SourceTimes.recent("jbsj", SourceTimes.local("jbsj", required(report, "jbsj", 32),
                "yyyy-MM-dd HH:mm"), now);
        String pollution = required(report, "wrlx", 8);
        if (!POLLUTION_TYPES.contains(pollution)) {
            throw IntakeRejected.invalid("wrlx", "污染类型须为 大气/水/噪声/固废/辐射 (unknown pollution type '" + pollution + "')");
        }
        boolean anonymous = child(report, "jbr").map(jbr -> "true".equalsIgnoreCase(jbr.getAttribute("nm").trim()))
                .orElse(false);
        Location location = child(report, "zb").map(Environment12369Adapter::location).orElse(Location.UNKNOWN);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("pollutionType", pollution);
        extras.put("anonymous", anonymous);
        return new NewTicket(channel(), id, time, TicketKind.REPORT, Urgency.NORMAL, required(report, "nr", 4000),
                optional(report, "dz", 500).orElse(null), location, new Contact(null, null, anonymous), extras,
                "12369-platform");
    }

    private static Location location(Element zb) {
        String system = zb.getAttribute("xt");
        if (system.isBlank()) {
            throw IntakeRejected.invalid("zb/@xt", "须注明坐标系 GCJ02 或 WGS84 (the coordinate system is required)");
        }
        return Coordinates.fromSource(system, number(zb, "jd"), number(zb, "wd"), "zb/@xt", "zb/jd", "zb/wd");
    }

    private static double number(Element zb, String name) {
        String text = optional(zb, name, 32)
                .orElseThrow(() -> IntakeRejected.invalid("zb/" + name, "必填 (required when zb is present)"));
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw IntakeRejected.invalid("zb/" + name, "须为数字 (not a number: '" + text + "')");
        }
    }

    private static Document parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw IntakeRejected.malformed("请求体为空 (empty body)");
        }
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(QUIET);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("DOCTYPE")) {
                throw IntakeRejected.malformed("不接受 DOCTYPE (a DOCTYPE is not accepted)");
            }
            throw IntakeRejected.malformed("不是有效的 XML (not well-formed XML: " + reason + ")");
        } catch (IOException e) {
            throw IntakeRejected.malformed("XML 无法读取 (" + e.getMessage() + ")");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> optional(Element parent, String name, int maxLength) {
        Optional<String> text = child(parent, name).map(e -> e.getTextContent().strip()).filter(t -> !t.isEmpty());
        text.flatMap(t -> StorableText.refusal(t, maxLength)).ifPresent(reason -> {
            throw IntakeRejected.invalid(name, reason);
        });
        return text;
    }

    private static String required(Element parent, String name, int maxLength) {
        return optional(parent, name, maxLength).orElseThrow(() -> IntakeRejected.invalid(name, "必填 (required)"));
    }
}
