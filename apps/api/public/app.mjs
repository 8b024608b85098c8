import { initAll } from '/javascripts/govuk-frontend.min.js'

initAll()

/*
 * The session's end, warned of two minutes before (WCAG 2.2.1): a modal alert dialog, focused,
 * with "Stay signed in" (the session lasts its full time again, the page stays as it is) and
 * "Sign out"; once the end has passed, it says so. Without this script the page's own line says
 * when the session ends, beside an ordinary "Stay signed in" form. Tabs of the same browser share
 * one session, so each tells the others when it ends now, and the latest end counts.
 */
const warnSeconds = 120

const note = document.querySelector('[data-module="app-session"]')
const dialog = document.getElementById('app-session-dialog')
if (note && dialog && typeof dialog.showModal === 'function') sessionTimeout(note, dialog)

function sessionTimeout (note, dialog) {
  const part = (name) => dialog.querySelector(`[data-session-${name}]`)
  const [warning, ended, countdown, announce] = ['warning', 'ended', 'countdown', 'announce'].map(part)
  const csrfToken = document.querySelector('form.app-sign-out input[name="_csrf"]')?.value ?? ''
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('safer-cases-session') : undefined
  let endsAt = Date.now() + Number(note.dataset.secondsLeft) * 1000
  let timer
  let ticking
  let focusedBefore
  let shown

  const secondsLeft = () => Math.max(0, Math.ceil((endsAt - Date.now()) / 1000))

  const schedule = () => {
    clearTimeout(timer)
    const left = secondsLeft()
    if (left === 0) return signedOut()
    if (left <= warnSeconds) return warn()
    close()
    timer = setTimeout(schedule, (left - warnSeconds) * 1000)
  }

  const open = (state) => {
    if (!dialog.open) {
      focusedBefore = document.activeElement
      dialog.showModal()
    }
    if (shown !== state) {
      showState(state)
      announce.textContent = ''
      dialog.focus()
    }
  }

  const warn = () => {
    open('warning')
    clearInterval(ticking)
    tick()
    ticking = setInterval(tick, 1000)
  }

  const tick = () => {
    const left = secondsLeft()
    if (left === 0) return signedOut()
    countdown.textContent = inWords(left)
    // The dialog's text is read as it opens; after that, a reminder at one minute and at half a minute, not every second.
    if (left === 60 || left === 30) announce.textContent = `You will be signed out in ${inWords(left)}`
  }

  const signedOut = () => {
    clearInterval(ticking)
    clearTimeout(timer)
    open('ended')
  }

  const showState = (state) => {
    shown = state
    warning.hidden = state !== 'warning'
    ended.hidden = state !== 'ended'
    const prefix = state === 'warning' ? 'app-session-dialog' : 'app-session-dialog-ended'
    dialog.setAttribute('aria-labelledby', `${prefix}-title`)
    dialog.setAttribute('aria-describedby', `${prefix}-text`)
  }

  const close = () => {
    clearInterval(ticking)
    if (!dialog.open) return
    shown = undefined
    dialog.close()
    if (focusedBefore && document.contains(focusedBefore)) focusedBefore.focus()
  }

  const endsNow = (answer) => {
    endsAt = Math.max(endsAt, Date.now() + answer.secondsLeft * 1000)
    note.querySelector('[data-session-ends-text]').textContent = answer.endsAtText
    note.dataset.endsAt = answer.endsAt
    channel?.postMessage({ endsAt, endsAtText: answer.endsAtText, iso: answer.endsAt })
    schedule()
  }

  const staySignedIn = async () => {
    try {
      const response = await fetch('/sign-in/renew', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrfToken })
      })
      if (response.status === 401) return signedOut()
      if (!response.ok) throw new Error(`The session was not renewed: ${response.status}`)
      endsNow(await response.json())
    } catch {
      announce.textContent = 'Sorry, you could not be kept signed in just now. Try again.'
    }
  }

  part('stay').addEventListener('click', staySignedIn)
  part('sign-out').addEventListener('click', () => document.querySelector('form.app-sign-out')?.requestSubmit())
  part('close').addEventListener('click', close)
  // Escape on the warning keeps the user signed in, as if they had chosen to; on the ended dialog it only closes it.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    if (ended.hidden) staySignedIn()
    else close()
  })
  channel?.addEventListener('message', ({ data }) => {
    if (typeof data?.endsAt !== 'number' || data.endsAt <= endsAt) return
    endsAt = data.endsAt
    note.querySelector('[data-session-ends-text]').textContent = data.endsAtText
    note.dataset.endsAt = data.iso
    schedule()
  })
  // Timers of a tab in the background may run late: look again whenever it is seen.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') schedule()
  })

  channel?.postMessage({ endsAt, endsAtText: note.querySelector('[data-session-ends-text]').textContent, iso: note.dataset.endsAt })
  schedule()
}

/** "2 minutes", "1 minute 5 seconds", "45 seconds". */
function inWords (seconds) {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const unit = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`
  if (minutes === 0) return unit(rest, 'second')
  return rest === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(rest, 'second')}`
}
