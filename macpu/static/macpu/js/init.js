// The GOV.UK page template sets these body classes with an inline script,
// which the CSP forbids. A module script only runs where GOV.UK Frontend is
// supported, so reaching this line is the support check.
import { initAll as initGovukFrontend } from '../../vendor/govuk/govuk-frontend.min.js'
import { initAll as initMojFrontend } from '../../vendor/moj/moj-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')

initGovukFrontend()
initMojFrontend()

// Content swapped in by htmx needs its components started too. htmx also
// fires htmx:load for the body on page load, which was handled above.
document.addEventListener('htmx:load', (event) => {
  const scope = event.detail.elt
  if (scope === document.body || !(scope instanceof HTMLElement)) {
    return
  }
  initGovukFrontend({ scope })
  initMojFrontend(scope)
})
