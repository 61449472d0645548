// English: the cockpit (驾驶舱) and its widgets.
// The same keys as ../zh-CN/dashboard.js (a unit test checks); i18n/index.js merges the modules.
export default {
  dashboard: {
    welcome: 'Hello, {name}',
    total: 'Enterprises',
    archivedN: '{n} archived',
    littleGiantN: 'incl. {n} little giants',
    baobaoCoverage: 'Cadre coverage',
    coveredOf: '{covered} / {total}',
    byIndustry: 'Enterprises by industry section',
    byFlag: 'Recognised enterprises',
    bar: 'Bar',
    pie: 'Pie',
    noWidgets: 'Nothing to show',
    tickets: 'Enterprise requests',
    ticketOpen: 'Open requests',
    ticketOverdue: 'Overdue now',
    desk: 'Service center desk',
    deskIntake: 'New today',
    deskTriage: 'To triage',
    deskOverdue: 'Overdue',
    deskSoon: 'Due within 24 hours',
    deskSub: {
      intake: 'registered today',
      triage: 'waiting to be accepted',
      overdue: 'being handled, zone-wide',
      soon: 'about to be overdue',
    },
    ticketResolveRate: 'Resolution rate this year',
    ticketResolveRateAccepted: 'Resolution rate of accepted this year',
    ticketSatisfaction: 'Satisfaction this year',
  },
}
