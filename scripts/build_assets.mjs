// Copies the front-end dependencies that macpu serves from node_modules into
// macpu/static/vendor/. The output is generated, git-ignored, and rebuilt by
// `npm ci && npm run build`.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const modules = join(root, 'node_modules')
const vendor = join(root, 'macpu', 'static', 'vendor')

function copy(from, to) {
  mkdirSync(dirname(join(vendor, to)), { recursive: true })
  cpSync(join(modules, from), join(vendor, to), { recursive: true })
}

// The dist CSS points at `url(/assets/...)`, which assumes assets are served
// from the site root. Make the references relative to the stylesheet so they
// resolve under STATIC_URL and survive ManifestStaticFilesStorage hashing.
function copyCss(from, to) {
  const css = readFileSync(join(modules, from), 'utf8')
  const rewritten = css.replaceAll('url(/assets/', 'url(assets/')
  if (rewritten.includes('url(/')) {
    throw new Error(`${from}: root-relative url() left after rewrite`)
  }
  mkdirSync(dirname(join(vendor, to)), { recursive: true })
  writeFileSync(join(vendor, to), rewritten)
  copy(`${from}.map`, `${to}.map`)
}

rmSync(vendor, { recursive: true, force: true })

const govuk = 'govuk-frontend/dist/govuk'
copyCss(`${govuk}/govuk-frontend.min.css`, 'govuk/govuk-frontend.min.css')
copy(`${govuk}/govuk-frontend.min.js`, 'govuk/govuk-frontend.min.js')
copy(`${govuk}/govuk-frontend.min.js.map`, 'govuk/govuk-frontend.min.js.map')
copy(`${govuk}/assets`, 'govuk/assets')

const moj = '@ministryofjustice/frontend/moj'
copyCss(`${moj}/moj-frontend.min.css`, 'moj/moj-frontend.min.css')
copy(`${moj}/moj-frontend.min.js`, 'moj/moj-frontend.min.js')
copy(`${moj}/moj-frontend.min.js.map`, 'moj/moj-frontend.min.js.map')
copy(`${moj}/assets`, 'moj/assets')

copy('htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js')

// Only the browser tests inject axe; it is never referenced by a page.
copy('axe-core/axe.min.js', 'axe/axe.min.js')

console.log(`Front-end assets copied to ${vendor}`)
