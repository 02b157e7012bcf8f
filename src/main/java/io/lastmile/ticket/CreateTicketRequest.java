package io.lastmile.ticket;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An operator's new ticket from a call (channel 12345, the operator as source).
 *
 * @param text    what the caller asks for, as the operator types it
 * @param address where it happens, free text
 * @param kind    诉求类型: 咨询, 求助, 投诉, 举报, 建议 or 表扬
 * @param urgency NORMAL (一般), URGENT (紧急) or CRITICAL (特急); NORMAL when absent
 */
public record CreateTicketRequest(
        @NotBlank(message = "诉求内容不能为空 (text is required)")
        @Size(max = 4000, message = "诉求内容不能超过4000字 (text is longer than 4000 characters)") String text,
        @Size(max = 500, message = "发生地址不能超过500字 (address is longer than 500 characters)") String address,
        @jakarta.validation.constraints.Pattern(regexp = "咨询|求助|投诉|举报|建议|表扬",
                message = "诉求类型须为 咨询/求助/投诉/举报/建议/表扬 (kind must be one of them)") String kind,
        Urgency urgency) {
}
