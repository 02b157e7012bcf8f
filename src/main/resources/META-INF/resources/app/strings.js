// Every word the pages show, in one place.
export const STRINGS = {
  product: '桃江县综合指挥中心',
  screenTitle: '调度可视化',
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    wrong: '用户名或密码错误',
    locked: '错误次数过多，账号已暂时锁定，请稍后再试',
    failed: '登录失败，请稍后再试',
    signedOutHint: '请使用您的账号登录',
  },
  signOut: '退出',
  connection: { live: '实时', connecting: '连接中…', reconnecting: '重连中…', resync: '重新同步…', refused: '无权查看' },
  // A feed's handshake refused (the page asks the service why, since the browser is not told).
  feedRefused: {
    403: '当前账号无权查看此处的实时数据（其他单位的数据或角色不符）。请使用有权限的账号登录，或联系管理员开通。',
    404: '地址中的单位不存在，请检查单位代码。',
  },
  tiles: {
    today: '今日受理',
    open: '在办',
    yellow: '黄牌',
    red: '红牌',
    signForRate: '签收率',
    onTimeRate: '按时办结率',
    satisfactionRate: '满意率',
    rateNote: (days) => `近${days}天`,
    none: '—',
  },
  channels: { '12345': '12345', '12315': '12315', '12369': '12369', urban: '数字城管', kiosk: '便民服务点', grid: '网格' },
  queue: { title: '实时队列', empty: '暂无在办工单', more: (n) => `另有 ${n} 件` },
  ticker: {
    title: '预警与升级',
    empty: '暂无预警',
    YellowCardRaised: '黄牌预警',
    RedCardRaised: '红牌超时',
    TicketEscalated: '升级',
    KioskPressUnanswered: '呼叫无人接听，指挥中心介入',
    TicketSupervised: '督办',
    TicketReturned: '退回',
  },
  map: {
    approximate: '位置为村/乡镇中心，仅示意',
    callers: (n) => `${n} 人反映`,
    aggregated: (n) => `在办 ${n} 件，地图按村汇总`,
    kioskRed: '红色紧急呼叫',
  },
  legend: { waiting: '待派遣', dispatched: '待签收', handling: '办理中', yellow: '黄牌', red: '红牌', kiosk: '紧急呼叫',
    approximate: '虚线圈：村/乡镇中心，仅示意' },
  detail: {
    close: '关闭',
    timeline: '办理过程',
    loading: '加载中…',
    forbidden: '您无权查看此工单',
    notFound: '工单不存在',
    failed: '加载失败',
    fields: { status: '状态', channel: '渠道', kind: '类别', address: '地址', unit: '承办单位', deadline: '期限', received: '受理时间', text: '诉求内容' },
  },
  steps: {
    ANSWER_AT_INTAKE: '即办', REGISTER: '立案', DISPATCH: '派遣', SIGN_FOR: '签收', START: '开始处置', RETURN: '退回',
    ACCEPT_RETURN: '同意退回并改派', REJECT_RETURN: '驳回退回', REASSIGN: '改派', START_JOINT_HANDLING: '发起联办',
    REPORT_ASSISTANCE: '反馈协办结果', REQUEST_EXTENSION: '申请延期', APPROVE_EXTENSION: '批准延期', DENY_EXTENSION: '驳回延期',
    REQUEST_DOCUMENTS: '要求补办', RESUME_WITH_DOCUMENTS: '补办材料已到', RESOLVE: '办结', VERIFY: '核查', CLOSE: '结案',
    REVISIT: '回访', REDO: '重办', SUPERVISE: '督办', ESCALATE: '升级', MERGE: '合并', UNMERGE: '取消合并',
    FOLLOW_PRIMARY: '随主单办理', RAISE_YELLOW_CARD: '亮黄牌', RAISE_RED_CARD: '亮红牌', PICK_UP: '接听呼叫',
    KIOSK_UNANSWERED: '转县指挥中心',
  },
  // Field names as the API spells them, for "please correct: …" messages.
  fields: {
    text: '诉求内容', address: '地址', channel: '渠道', kind: '类别', contact: '联系方式', phone: '电话', name: '姓名',
    reason: '原因', result: '办理结果', unitCode: '承办单位', toUnit: '改派单位', days: '延期天数', documents: '补办材料',
    matterCode: '事项', satisfaction: '满意度', month: '月份', q: '检索词', from: '开始时间', to: '结束时间',
  },
  errors: {
    network: '网络连接失败，请检查网络后重试',
    failed: '操作失败，请稍后再试',
    server: '服务暂时不可用，请稍后再试',
    invalid: (problems) => `请检查：${problems.join('；')}`,
    refusedStep: (now, allowed) => `工单当前状态为「${now}」，不能执行此操作。` +
      (allowed.length ? `现在可以：${allowed.join('、')}` : '您现在没有可执行的操作'),
    byStatus: {
      400: '请求内容有误，请检查后重试',
      401: '登录已过期，请重新登录',
      403: '您无权执行此操作',
      404: '未找到该工单或记录',
      413: '内容过大，请精简后重试',
      415: '请求格式不受支持',
      429: '操作过于频繁，请稍后再试',
    },
  },
  // Each page's own words, one block per page.
  inbox: {
  },

  console: {
  },

  workbench: {
  },

  reports: {
  },

  ago: (minutes) => minutes < 1 ? '刚刚' : minutes < 60 ? `${minutes}分钟前` : minutes < 1440 ? `${Math.floor(minutes / 60)}小时前` : `${Math.floor(minutes / 1440)}天前`,
};
