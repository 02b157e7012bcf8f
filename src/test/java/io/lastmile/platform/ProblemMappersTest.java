package io.lastmile.platform;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemMappersTest {

    @Test
    void anUnexpectedFailureAnswersAReferenceAndNeverItsText() {
        Response answer = new ProblemMappers().unexpected(new IllegalStateException(
                "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 (INSERT INTO ticket … '13907371234')"));
        assertEquals(500, answer.getStatus());
        Problem problem = (Problem) answer.getEntity();
        assertFalse(problem.detail().contains("0x00") || problem.detail().contains("13907371234")
                || problem.detail().contains("IllegalStateException"), problem.detail());
        assertTrue(problem.detail().contains("reference"), problem.detail());
    }
}
