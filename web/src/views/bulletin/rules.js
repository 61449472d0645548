// Pure helpers of the bulletins page (BulletinList.vue), unit-tested.

/** The kinds, in the server's order, and the permission that reads each. */
export const KINDS = ['briefing', 'projects', 'economy']
export const KIND_PERM = { briefing: 'ticket.stats', projects: 'project.stats', economy: 'economy.stats' }

/** The kinds a user reads (can: the auth store's permission check). */
export const readableKinds = (can) => KINDS.filter((k) => can(KIND_PERM[k]))

/** The words of a schedule: "每天 08:00（前一天）", "每周一 08:30（上一周）", "每月15日 09:00（上月）". */
export function scheduleText(s, t) {
  if (!s) return '-'
  if (s.kind === 'briefing') return t('bulletin.every.day', { at: s.at_time })
  if (s.kind === 'projects') return t('bulletin.every.week', { day: t(`bulletin.weekdays.${s.day}`), at: s.at_time })
  return t('bulletin.every.month', { day: s.day, at: s.at_time })
}

/** A file size in KB or MB. */
export function sizeText(bytes) {
  const n = Number(bytes) || 0
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`
  return `${Math.max(1, Math.round(n / 1024))} KB`
}
