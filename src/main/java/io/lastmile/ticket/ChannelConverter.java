package io.lastmile.ticket;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a channel by its public code, the same string the topics and the API use. */
@Converter
public class ChannelConverter implements AttributeConverter<Channel, String> {

    @Override
    public String convertToDatabaseColumn(Channel channel) {
        return channel == null ? null : channel.code();
    }

    @Override
    public Channel convertToEntityAttribute(String code) {
        return code == null ? null : Channel.byCode(code)
                .orElseThrow(() -> new IllegalStateException("unknown channel code in the database: " + code));
    }
}
