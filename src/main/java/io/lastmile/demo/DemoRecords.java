package io.lastmile.demo;

import io.lastmile.demo.TaojiangCounty.Township;
import io.lastmile.geo.ChinaCoordinates;
import io.lastmile.demo.TaojiangCounty.Village;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes records as the five source systems (and the grid platform) send them, about 桃江县, with
 * Chinese texts that vary: the stream the demo feed puts on the intake topics, and the load of the
 * pipeline benchmark.
 */
public final class DemoRecords {

    /** One record for one intake topic: the channel code, the Kafka key (the source's id) and the native bytes. */
    public record SourceRecord(String channel, String key, byte[] value) {
    }

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(LOCAL);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LOCAL);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(LOCAL);

    private static final List<String[]> HOTLINE = List.of(
            new String[] {"投诉", "%s村口路灯连续%d晚不亮，夜间行人不便，请尽快维修。"},
            new String[] {"投诉", "%s附近饭店油烟和噪声扰民，晚上十点以后仍在营业。"},
            new String[] {"投诉", "%s生活垃圾已经%d天没有清运，气味很大。"},
            new String[] {"咨询", "咨询%s新农合缴费时间和缴费标准。"},
            new String[] {"咨询", "咨询在%s便民服务中心办理居住证需要哪些材料。"},
            new String[] {"咨询", "咨询%s的高龄补贴怎么申请，老人%d岁。"},
            new String[] {"求助", "%s停水已经%d天，家中有老人，请求尽快恢复供水。"},
            new String[] {"求助", "%s通村公路塌方，车辆无法通行，请派人处理。"},
            new String[] {"举报", "%s有人在河道非法采砂，已持续%d天。"},
            new String[] {"建议", "建议在%s增设公交站台，村民出行不便。"},
            new String[] {"表扬", "表扬%s便民服务中心工作人员，%d天就办好了低保手续。"});
    private static final String[] SURNAMES = {"张", "李", "王", "刘", "陈", "杨", "黄", "赵", "周", "吴"};
    private static final List<String[]> CONSUMER = List.of(
            new String[] {"食品", "购买的酸奶已过保质期，商家拒绝退换。"},
            new String[] {"家用电器", "新买的电饭煲使用%d天就坏了，商家不给维修。"},
            new String[] {"通信服务", "手机套餐被擅自变更，多扣费用。"},
            new String[] {"农资", "购买的化肥疑似假货，秧苗大面积发黄。"});
    private static final String[][] POLLUTION = {
            {"大气", "夜间工厂排放刺鼻气味，附近居民无法开窗。"},
            {"水", "河水发黑发臭，疑似有企业偷排废水。"},
            {"噪声", "工地夜间施工噪声很大，已持续%d天。"},
            {"固废", "路边被倾倒大量建筑垃圾。"},
            {"辐射", "村旁新建基站，村民担心辐射影响。"}};
    /** Demo values in the shape of GB/T 30428 codes. */
    private static final String[][] URBAN = {
            {"部件", "01", "0105", "路灯", "路灯灯杆倾斜，存在倒伏风险。"},
            {"部件", "01", "0101", "上水井盖", "井盖破损，行人容易踩空。"},
            {"部件", "01", "0103", "雨水井盖", "雨水井盖缺失，已临时围挡。"},
            {"事件", "01", "0102", "暴露垃圾", "路口暴露垃圾堆积，影响市容。"},
            {"事件", "02", "0201", "占道经营", "商户占道经营，影响车辆通行。"}};
    private static final String[] GRID = {"矛盾纠纷", "安全隐患", "民生诉求", "特殊人群"};

    private final Random random;
    private final AtomicLong sequence = new AtomicLong();

    public DemoRecords(Random random) {
        this.random = random;
        // Ids continue across restarts of the feed within a day, so new records are not taken for retries.
        this.sequence.set(java.time.LocalTime.now(LOCAL).toSecondOfDay() * 10L);
    }

    public SourceRecord next(Instant now) {
        int roll = random.nextInt(100);
        if (roll < 40) {
            return hotline(now);
        } else if (roll < 55) {
            return consumer(now);
        } else if (roll < 65) {
            return environment(now);
        } else if (roll < 85) {
            return urban(now);
        } else if (roll < 95) {
            return kiosk(now);
        }
        return grid(now);
    }

    SourceRecord hotline(Instant now) {
        Township town = township();
        Village village = village(town);
        String[] template = pick(HOTLINE);
        String place = town.name() + village.name();
        String id = "TJ12345-" + DAY.format(now) + "-" + String.format(Locale.ROOT, "%06d", sequence.incrementAndGet());
        String json = """
                {"gdbh": "%s", "ldsj": "%s", "ldhm": "%s", "lxr": "%s", "sqlx": "%s", "sqnr": "%s",
                 "fsdz": "%s", "jjcd": "%s", "zxbh": "%04d", "sfnm": %s}"""
                .formatted(id, SECONDS.format(now.minusSeconds(random.nextInt(300))), mobile(),
                        pick(SURNAMES) + (random.nextBoolean() ? "先生" : "女士"), template[0],
                        template[1].formatted(place, 2 + random.nextInt(5)), TaojiangCounty.COUNTY + place + "村口",
                        random.nextInt(20) == 0 ? "紧急" : "一般", 800 + random.nextInt(40), random.nextInt(10) == 0);
        return new SourceRecord("12345", id, json.getBytes(StandardCharsets.UTF_8));
    }

    SourceRecord consumer(Instant now) {
        Township town = township();
        String[] template = pick(CONSUMER);
        String id = "3209" + DAY.format(now) + String.format(Locale.ROOT, "%07d", sequence.incrementAndGet());
        String json = """
                {"complaintId": "%s", "receivedAt": "%s", "type": "%s",
                 "consumer": {"name": "%s女士", "mobile": "+86 %s"},
                 "respondent": {"name": "%s%s某某商行", "address": "%s%s"},
                 "productCategory": "%s", "summary": "%s", "amountInvolved": "%d.%02d", "attachments": []}"""
                .formatted(id, now.minusSeconds(random.nextInt(600)).atZone(LOCAL).toOffsetDateTime().withNano(0),
                        random.nextInt(5) == 0 ? "REPORT" : "COMPLAINT", pick(SURNAMES), dashed(mobile()),
                        TaojiangCounty.COUNTY, town.name(), TaojiangCounty.COUNTY, town.name(), template[0],
                        template[1].formatted(3 + random.nextInt(20)), 20 + random.nextInt(3000), random.nextInt(100));
        return new SourceRecord("12315", id, json.getBytes(StandardCharsets.UTF_8));
    }

    SourceRecord environment(Instant now) {
        Township town = township();
        Village village = village(town);
        String[] pollution = POLLUTION[random.nextInt(POLLUTION.length)];
        String id = "HB12369-" + DAY.format(now) + "-" + sequence.incrementAndGet();
        // The demo's points are WGS-84; 12369 platforms send GCJ-02, so the feed offsets them as such a platform would.
        double[] gcj = ChinaCoordinates.wgs84ToGcj02(jitter(village.longitude()), jitter(village.latitude()));
        boolean gbk = random.nextInt(4) == 0; // older installations still send GBK
        String xml = """
                <?xml version="1.0" encoding="%s"?>
                <report>
                  <bh>%s</bh>
                  <jbsj>%s</jbsj>
                  <wrlx>%s</wrlx>
                  <jbr nm="%s"/>
                  <dz>%s%s%s附近</dz>
                  <zb xt="GCJ02"><jd>%.6f</jd><wd>%.6f</wd></zb>
                  <nr>%s</nr>
                </report>
                """.formatted(gbk ? "GBK" : "UTF-8", id, MINUTES.format(now), pollution[0], random.nextBoolean(),
                TaojiangCounty.COUNTY, town.name(), village.name(), gcj[0], gcj[1],
                pollution[1].formatted(2 + random.nextInt(6)));
        return new SourceRecord("12369", id, xml.getBytes(gbk ? Charset.forName("GBK") : StandardCharsets.UTF_8));
    }

    SourceRecord urban(Instant now) {
        Township town = TaojiangCounty.TOWNSHIPS.get(random.nextInt(2)); // the urban area: county seat and 灰山港
        String[] kind = URBAN[random.nextInt(URBAN.length)];
        String id = "CG" + DAY.format(now) + String.format(Locale.ROOT, "%05d", sequence.incrementAndGet());
        String json = """
                {"caseNo": "%s", "source": "%s", "reportTime": %d,
                 "category": {"kind": "%s", "major": "%s", "minor": "%s", "name": "%s"},
                 "gridCode": "%s%s%03d", "x": %.6f, "y": %.6f, "coordSys": "CGCS2000",
                 "description": "%s", "photos": ["urban/%s/1.jpg"], "inspectorId": "J%04d"}"""
                .formatted(id, random.nextInt(4) == 0 ? "公众举报" : "监督员上报", now.toEpochMilli(), kind[0], kind[1],
                        kind[2], kind[3], TaojiangCounty.COUNTY_CODE, town.code(), 1 + random.nextInt(40),
                        jitter(town.longitude()), jitter(town.latitude()), town.name() + kind[4], id, random.nextInt(300));
        return new SourceRecord("urban", id, json.getBytes(StandardCharsets.UTF_8));
    }

    SourceRecord kiosk(Instant now) {
        Township town = township();
        int index = random.nextInt(town.villages().size());
        Village village = town.villages().get(index);
        // The registry's device ids: KIOSK- and the village code (township code + 201, 202, …).
        String device = "KIOSK-" + TaojiangCounty.COUNTY_CODE + town.code() + (201 + index);
        String pressed = now.atZone(LOCAL).toOffsetDateTime().withNano(0).toString();
        String phone = random.nextBoolean() ? "\"" + mobile() + "\"" : "null";
        String json = """
                {"deviceId": "%s", "township": "%s", "village": "%s", "button": "%s", "pressedAt": "%s",
                 "callbackPhone": %s}"""
                .formatted(device, town.name(), village.name(), random.nextInt(5) == 0 ? "RED" : "GREEN", pressed, phone);
        return new SourceRecord("kiosk", device, json.getBytes(StandardCharsets.UTF_8));
    }

    SourceRecord grid(Instant now) {
        Township town = township();
        Village village = village(town);
        String id = "WG" + DAY.format(now) + String.format(Locale.ROOT, "%05d", sequence.incrementAndGet());
        String json = """
                {"caseId": "%s", "gridCode": "%s%s%03d", "memberId": "W%03d", "category": "%s",
                 "text": "%s%s网格员走访发现：%s", "lon": %.6f, "lat": %.6f, "coordSys": "WGS84", "time": "%s"}"""
                .formatted(id, TaojiangCounty.COUNTY_CODE, town.code(), 1 + random.nextInt(40), random.nextInt(100),
                        pick(GRID), town.name(), village.name(), "两户村民因宅基地边界发生纠纷，需要尽快调解。",
                        jitter(village.longitude()), jitter(village.latitude()),
                        now.atZone(LOCAL).toOffsetDateTime().withNano(0));
        return new SourceRecord("grid", id, json.getBytes(StandardCharsets.UTF_8));
    }

    private Township township() {
        return TaojiangCounty.TOWNSHIPS.get(random.nextInt(TaojiangCounty.TOWNSHIPS.size()));
    }

    private Village village(Township town) {
        return town.villages().get(random.nextInt(town.villages().size()));
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private String mobile() {
        return "13" + (7 + random.nextInt(3)) + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
    }

    private static String dashed(String mobile) {
        return mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
    }

    private double jitter(double degrees) {
        return degrees + (random.nextDouble() - 0.5) * 0.01;
    }
}
