package io.lastmile.security;

import io.lastmile.platform.InvalidField;

/**
 * Why a reader needs personal data in full (a ticket's contact, a dead letter's bytes): required,
 * kept in the audit log.
 */
public record RevealRequest(String reason) {

    /** The reason as it goes on the log; {@code 422} naming {@code reason} when there is none. */
    public String required() {
        if (reason == null || reason.isBlank()) {
            throw new InvalidField(422, "reason", "请说明查看原因 (a reason is required to reveal personal data)");
        }
        return reason.strip();
    }
}
