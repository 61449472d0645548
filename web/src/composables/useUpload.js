// Uploading attachments with an el-upload (:before-upload="beforeUpload" :http-request="send"):
// the client-side checks of utils/attachment.js first, then one POST per file.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { showUnhandled, toastOk } from '../utils/feedback'
import { checkFile } from '../utils/attachment'

/**
 * useUpload({count, upload, success, done, failed}) -> {uploading, beforeUpload, send}.
 * beforeUpload(file) refuses a file checkFile refuses, its reason toasted, counting the count()
 * attachments there already and those on their way; send({file}) awaits upload(file), toasts
 * `success` (when given), then awaits done(result). A failure is toasted: the error, or what
 * failed(error, file) makes of it. uploading: how many files are on their way.
 */
export function useUpload({ count, upload, success, done, failed = (e) => e }) {
  const { t } = useI18n()
  const uploading = ref(0)

  function beforeUpload(file) {
    const why = checkFile(file, count() + uploading.value)
    if (why) showUnhandled(new Error(t(why.key, why.params || {})))
    return !why
  }

  async function send({ file }) {
    uploading.value++
    try {
      const res = await upload(file)
      if (success) toastOk(success)
      if (done) await done(res)
    } catch (e) {
      showUnhandled(failed(e, file))
    } finally {
      uploading.value--
    }
  }

  return { uploading, beforeUpload, send }
}
