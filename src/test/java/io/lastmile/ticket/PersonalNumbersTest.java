package io.lastmile.ticket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalNumbersTest {

    @Test
    void phonesIdNumbersAndBankCardsTypedIntoATextAreMasked() {
        assertEquals("请回电139****5678，谢谢", PersonalNumbers.mask("请回电13907375678，谢谢"));
        assertEquals("手机 139****5678 或 139****5678", PersonalNumbers.mask("手机 139 0737 5678 或 139-0737-5678"));
        assertEquals("座机0737-***5678", PersonalNumbers.mask("座机0737-2345678"));
        assertEquals("身份证430922********1234", PersonalNumbers.mask("身份证430922199001011234"));
        assertEquals("身份证430922********123X", PersonalNumbers.mask("身份证43092219900101123X"));
        assertEquals("工资卡6228***********0018", PersonalNumbers.mask("工资卡6228480402564890018"));
        assertFalse(PersonalNumbers.holdsOne(PersonalNumbers.mask("13907375678 430922199001011234 6228480402564890018 0737-2345678")));
    }

    @Test
    void otherNumbersStayAsTheyAre() {
        String plain = "2026年11月30日下午3点，3组12号门口，损失约12000元，工单430922-20261130-000123，车牌湘H12345";
        assertEquals(plain, PersonalNumbers.mask(plain));
        assertFalse(PersonalNumbers.holdsOne(plain));
        assertTrue(PersonalNumbers.holdsOne("电话13907375678"));
        assertEquals(null, PersonalNumbers.mask(null));
    }
}
