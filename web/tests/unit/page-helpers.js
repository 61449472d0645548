// What the tests of pages against a fake server share: waiting for the page to show something,
// and a JSON answer of the fake server.
import { flushPromises } from '@vue/test-utils'

/** Waits until cond() is true (flushing Vue's updates between looks); throws after ms. */
export async function waitFor(cond, ms = 4000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (cond()) return
    await flushPromises()
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`timed out waiting for ${cond}`)
}

/** A JSON response of the fake server (no body for 204). */
export const json = (status, body) => new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
