// Archiving an enterprise (归档) and undoing it, from the list or the detail page.
import { enterpriseApi } from '../../api'
import { confirmAndRun } from '../../utils/feedback'
import { t } from '../../i18n'

/** Archive enterprise ent, or restore it when archived, once the user confirms; true when done. */
export function toggleArchive(ent) {
  const archiving = !ent.archived
  return confirmAndRun(t(archiving ? 'enterprise.archiveConfirm' : 'enterprise.unarchiveConfirm', { name: ent.name }), () =>
    archiving ? enterpriseApi.archive(ent.id) : enterpriseApi.unarchive(ent.id),
  )
}
