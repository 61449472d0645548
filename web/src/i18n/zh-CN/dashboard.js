// 简体中文 (the default): the cockpit (驾驶舱) and its widgets.
// The same keys as ../en/dashboard.js (a unit test checks); i18n/index.js merges the modules.
export default {
  dashboard: {
    welcome: '{name}，您好',
    total: '企业总数',
    archivedN: '已归档 {n} 家',
    littleGiantN: '其中小巨人 {n} 家',
    baobaoCoverage: '包保覆盖率',
    coveredOf: '{covered} / {total} 家',
    byIndustry: '企业行业分布（门类）',
    byFlag: '重点企业认定',
    bar: '柱状图',
    pie: '饼图',
    noWidgets: '暂无可显示的内容',
    tickets: '企业诉求',
    ticketOpen: '在办诉求',
    ticketOverdue: '当前超期',
    desk: '企业服务中心工作台',
    deskIntake: '今日新收',
    deskTriage: '待受理',
    deskOverdue: '已超期',
    deskSoon: '24小时内到期',
    deskSub: {
      intake: '件 · 今日登记',
      triage: '件 · 等待受理分派',
      overdue: '件 · 全园区办理中',
      soon: '件 · 即将超期',
    },
    ticketResolveRate: '本年解决率',
    ticketResolveRateAccepted: '本年受理后解决率',
    ticketSatisfaction: '本年满意率',
  },
}
