package io.lastmile.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every string the service reads from a JSON request body (a ticket, a step, a sign-in, an
 * account …) passes {@link StorableText}: text that cannot be stored fails the read with
 * {@link Refused}, which carries the field's path and answers {@code 422}.
 */
@Singleton
public class StorableTextJson implements ObjectMapperCustomizer {

    /** A string in a JSON body that cannot be stored; Jackson adds the path as the failure travels up. */
    public static class Refused extends JsonMappingException {

        Refused(JsonParser parser, String reason) {
            super(parser, reason);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new Checked()));
    }

    private static final class Checked extends StdScalarDeserializer<String> {

        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null) {
                var refusal = StorableText.refusal(text);
                if (refusal.isPresent()) {
                    throw new Refused(parser, refusal.get());
                }
            }
            return text;
        }
    }
}
