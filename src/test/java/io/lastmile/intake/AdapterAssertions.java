package io.lastmile.intake;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a record is refused for the right field, of the right kind, with a reason a person can act on. */
final class AdapterAssertions {

    static IntakeRejected assertInvalid(String field, Executable parse) {
        IntakeRejected rejected = assertThrows(IntakeRejected.class, parse);
        assertEquals(IntakeRejected.Kind.INVALID, rejected.kind(), rejected.describe());
        assertEquals(field, rejected.field(), rejected.describe());
        assertTrue(rejected.reason() != null && rejected.reason().length() > 5, rejected.describe());
        return rejected;
    }

    static IntakeRejected assertMalformed(Executable parse) {
        IntakeRejected rejected = assertThrows(IntakeRejected.class, parse);
        assertEquals(IntakeRejected.Kind.MALFORMED, rejected.kind(), rejected.describe());
        return rejected;
    }

    private AdapterAssertions() {
    }
}
