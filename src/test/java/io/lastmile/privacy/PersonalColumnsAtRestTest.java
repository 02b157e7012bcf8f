package io.lastmile.privacy;

import io.lastmile.TestStack;
import io.lastmile.platform.ColumnCipher;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.lastmile.privacy.PrivacyFixtures.call;
import static io.lastmile.privacy.PrivacyFixtures.deadLetter;
import static io.lastmile.privacy.PrivacyFixtures.phone;
import static io.lastmile.privacy.PrivacyFixtures.rows;
import static io.lastmile.privacy.PrivacyFixtures.update;
import static io.lastmile.security.DemoLogins.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, item 2: the callers' names and phones and the dead letters' bytes are sealed in
 * PostgreSQL (read here with plain SQL), the API answers exactly as before, and a key rotation
 * keeps every value readable until the re-encryption has moved them all to the new key.
 * The test profile runs rotated once: test-a is the previous key, test-b the current one.
 */
@QuarkusTest
class PersonalColumnsAtRestTest {

    @Inject
    TestStack stack;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "lastmile.column-keys.current")
    String keyB;

    @ConfigProperty(name = "lastmile.column-keys.previous")
    String keyA;

    @Test
    void namesPhonesAndDeadLetterBytesAreSealedInPostgresAndTheApiReadsThemAsBefore() throws Exception {
        String phone = phone();
        String number = call("孙女士", phone, "修山镇花桥港村路灯不亮 " + UUID.randomUUID(), null);

        List<Object> row = rows(stack, "SELECT contact_name, contact_phone FROM ticket WHERE ticket_number = ?", number).get(0);
        for (Object value : row) {
            assertTrue(((String) value).startsWith("gcm1.test-b."), String.valueOf(value));
            assertFalse(((String) value).contains(phone) || ((String) value).contains("孙"), String.valueOf(value));
        }
        as("operator").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("contact.phone", equalTo(phone)).body("contact.name", equalTo("孙女士"));
        as("supervisor").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("contact.phone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)))
                .body("contact.name", equalTo("孙**"));

        UUID letter = deadLetter(stack, kafka, phone);
        byte[] stored = (byte[]) rows(stack, "SELECT payload FROM intake_dead_letter WHERE id = ?", letter).get(0).get(0);
        assertTrue(new String(stored, 0, 4, StandardCharsets.US_ASCII).equals("GCM1"), "sealed bytes start with their header");
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(phone));
        String event = (String) rows(stack, "SELECT payload FROM outbox_event WHERE event_id = ?", letter).get(0).get(0);
        assertTrue(event.startsWith("gcm1.test-b."), "the intake.dlq event carries the bytes: sealed too");
        as("dispatcher").when().get("/api/v1/intake/dead-letters/" + letter).then().statusCode(200)
                .body("payloadPreview", containsString(phone.substring(0, 3) + "****" + phone.substring(7)));
        as("dispatcher").contentType("application/json").body("{\"reason\": \"核对来电号码\"}")
                .when().post("/api/v1/intake/dead-letters/" + letter + "/reveal").then().statusCode(200)
                .body("payloadPreview", containsString(phone));
    }

    @Test
    void afterARotationOldAndNewValuesReadAndTheReEncryptionLeavesNothingForTheOldKey() throws Exception {
        ColumnCipher onlyA = new ColumnCipher(keyA, List.of());
        String oldPhone = phone();
        String clearPhone = phone();
        String newPhone = phone();
        // Written before the rotation (under test-a), and before encryption at all (in clear).
        String underA = call("钱先生", oldPhone, "武潭镇农贸市场占道 " + UUID.randomUUID(), null);
        update(stack, "UPDATE ticket SET contact_name = ?, contact_phone = ? WHERE ticket_number = ?",
                onlyA.seal("钱先生"), onlyA.seal(oldPhone), underA);
        String inClear = call("李女士", clearPhone, "武潭镇自来水停水 " + UUID.randomUUID(), null);
        update(stack, "UPDATE ticket SET contact_name = ?, contact_phone = ? WHERE ticket_number = ?",
                "李女士", clearPhone, inClear);
        UUID letter = deadLetter(stack, kafka, oldPhone);
        byte[] clearBytes = new ColumnCipher(keyB, List.of(keyA)).open(
                (byte[]) rows(stack, "SELECT payload FROM intake_dead_letter WHERE id = ?", letter).get(0).get(0));
        update(stack, "UPDATE intake_dead_letter SET payload = ? WHERE id = ?", onlyA.seal(clearBytes), letter);
        // Written after it (under test-b).
        String underB = call("周先生", newPhone, "修山镇垃圾未清运 " + UUID.randomUUID(), null);

        as("operator").when().get("/api/v1/tickets/" + underA).then().body("contact.phone", equalTo(oldPhone))
                .body("contact.name", equalTo("钱先生"));
        as("operator").when().get("/api/v1/tickets/" + inClear).then().body("contact.phone", equalTo(clearPhone));
        as("operator").when().get("/api/v1/tickets/" + underB).then().body("contact.phone", equalTo(newPhone));
        as("admin").contentType("application/json").body("{\"reason\": \"核对\"}")
                .when().post("/api/v1/intake/dead-letters/" + letter + "/reveal").then().statusCode(200)
                .body("payloadPreview", containsString(oldPhone));

        as("admin").when().post("/api/v1/admin/column-keys/re-encrypt").then().statusCode(200)
                .body("keyId", equalTo("test-b"));

        assertEquals(0L, rows(stack, """
                SELECT count(*) FROM ticket WHERE (contact_name IS NOT NULL AND contact_name NOT LIKE 'gcm1.test-b.%')
                                               OR (contact_phone IS NOT NULL AND contact_phone NOT LIKE 'gcm1.test-b.%')""")
                .get(0).get(0), "every ticket's contact under test-b");
        assertEquals(0L, rows(stack, """
                SELECT count(*) FROM intake_dead_letter
                WHERE octet_length(payload) > 0 AND substring(payload FROM 1 FOR 11) <> 'GCM1'::bytea || '\\x06'::bytea || 'test-b'::bytea""")
                .get(0).get(0), "every dead letter under test-b");
        assertEquals(0L, rows(stack, "SELECT count(*) FROM outbox_event WHERE payload LIKE 'gcm1.%' AND payload NOT LIKE 'gcm1.test-b.%'")
                .get(0).get(0), "every sealed outbox payload under test-b");

        // test-a can go now: a cipher without it reads every value the three tickets and the letter hold.
        ColumnCipher onlyB = new ColumnCipher(keyB, List.of());
        for (String[] expected : List.of(new String[] {underA, "钱先生", oldPhone}, new String[] {inClear, "李女士", clearPhone},
                new String[] {underB, "周先生", newPhone})) {
            List<Object> row = rows(stack, "SELECT contact_name, contact_phone FROM ticket WHERE ticket_number = ?", expected[0]).get(0);
            assertEquals(expected[1], onlyB.open((String) row.get(0)));
            assertEquals(expected[2], onlyB.open((String) row.get(1)));
            assertTrue(((String) row.get(1)).startsWith("gcm1.test-b."));
        }
        assertArrayEquals(clearBytes, onlyB.open((byte[]) rows(stack, "SELECT payload FROM intake_dead_letter WHERE id = ?", letter)
                .get(0).get(0)));
        as("operator").when().get("/api/v1/tickets/" + underA).then().body("contact.phone", equalTo(oldPhone));
    }
}
