import { initAll } from '../vendor/govuk/govuk-frontend.min.js'
import { initProgress } from './progress.js'
initAll()
initProgress()
