package io.lastmile.platform;

import io.quarkus.arc.Arc;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A column of personal bytes (a source's original record), sealed like {@link SealedText}. */
@Converter
public class SealedBytes implements AttributeConverter<byte[], byte[]> {

    private ColumnCipher cipher;

    @Override
    public byte[] convertToDatabaseColumn(byte[] clear) {
        return cipher().seal(clear);
    }

    @Override
    public byte[] convertToEntityAttribute(byte[] stored) {
        return cipher().open(stored);
    }

    private ColumnCipher cipher() {
        if (cipher == null) {
            cipher = Arc.container().instance(ColumnCipher.class).get();
        }
        return cipher;
    }
}
