// Progress of background work, without reloading the page: every element with
// data-module="cairn-progress" polls its data-progress-url (JSON) every few seconds and updates
// its live region and <progress> bar. When the work is finished or failed, the page reloads
// once to show what comes next. Without JavaScript, the page's "Check progress" link does it.
const POLL_MS = 3000

function watch (root) {
  const url = root.dataset.progressUrl
  const text = root.querySelector('[data-progress-text]')
  const bar = root.querySelector('progress')
  const tick = async () => {
    let state
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (!response.ok) return setTimeout(tick, POLL_MS * 2)
      state = await response.json()
    } catch (error) {
      return setTimeout(tick, POLL_MS * 2)
    }
    if (text) text.textContent = state.text
    if (bar) bar.value = state.percent
    if (state.done) {
      window.location.reload()
    } else {
      setTimeout(tick, POLL_MS)
    }
  }
  setTimeout(tick, POLL_MS)
}

export function initProgress (scope = document) {
  scope.querySelectorAll('[data-module="cairn-progress"]').forEach(watch)
}
