package io.lastmile.platform;

import io.quarkus.arc.Arc;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A personal text column, sealed by {@link ColumnCipher} on its way into PostgreSQL and opened on its
 * way out: entities keep clear values, the table holds none. Hibernate makes converters itself, so
 * the cipher is looked up from the container at first use.
 */
@Converter
public class SealedText implements AttributeConverter<String, String> {

    private ColumnCipher cipher;

    @Override
    public String convertToDatabaseColumn(String clear) {
        return cipher().seal(clear);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return cipher().open(stored);
    }

    private ColumnCipher cipher() {
        if (cipher == null) {
            cipher = Arc.container().instance(ColumnCipher.class).get();
        }
        return cipher;
    }
}
