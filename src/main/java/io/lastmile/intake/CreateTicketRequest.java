package io.lastmile.intake;

import io.lastmile.ticket.Urgency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An operator's new ticket from a call (channel 12345, the operator as source). Messages are
 * written for the operator at the form.
 *
 * @param text        what the caller asks for, as the operator types it
 * @param kind        诉求类型: 咨询, 求助, 投诉, 举报, 建议 or 表扬
 * @param urgency     NORMAL (一般), URGENT (紧急) or CRITICAL (特急); NORMAL when absent
 * @param address     where it happens, free text
 * @param callerName  as the caller gives it
 * @param callerPhone any common format ({@code +86 139-0737-5678}); stored as digits
 * @param anonymous   the caller asks not to be named
 * @param answer      即办件: the answer the operator gave on the phone; the consultation is closed at once
 */
public record CreateTicketRequest(
        @NotBlank(message = "诉求内容不能为空 (text is required)")
        @Size(max = 4000, message = "诉求内容不能超过4000字 (text is longer than 4000 characters)") String text,
        @NotBlank(message = "请选择诉求类型 (kind is required)")
        @Pattern(regexp = "咨询|求助|投诉|举报|建议|表扬",
                message = "诉求类型须为 咨询/求助/投诉/举报/建议/表扬 (kind must be one of them)") String kind,
        Urgency urgency,
        @Size(max = 500, message = "发生地址不能超过500字 (address is longer than 500 characters)") String address,
        @Size(max = 100, message = "联系人不能超过100字 (callerName is longer than 100 characters)") String callerName,
        @Size(max = 32, message = "电话号码过长 (callerPhone is longer than 32 characters)") String callerPhone,
        Boolean anonymous,
        @Size(max = 4000, message = "答复不能超过4000字 (answer is longer than 4000 characters)") String answer) {
}
