import { RuleTester } from 'eslint'
import { describe, it } from 'vitest'
import layering from './eslint-layering.js'

RuleTester.describe = describe
RuleTester.it = it
RuleTester.itOnly = it.only

const root = '/repo'
const options = [
  {
    root,
    zones: [
      { target: 'shared', from: ['electron', 'renderer'], modules: ['electron'], message: 'S.' },
      { target: 'electron/backend', from: ['electron/main'], modules: ['electron'], message: 'B.' },
    ],
  },
]

new RuleTester({ languageOptions: { sourceType: 'module' } }).run(
  'layering/imports',
  layering.rules.imports,
  {
    valid: [
      { filename: '/repo/shared/a.ts', code: "import { b } from './b'", options },
      {
        filename: '/repo/electron/backend/db/x.ts',
        code: "import { s } from '../../../shared/s'",
        options,
      },
      { filename: '/repo/electron/main/x.ts', code: "import { app } from 'electron'", options },
      { filename: '/repo/renderer/x.ts', code: "import { y } from '../electron/main/y'", options },
    ],
    invalid: [
      {
        filename: '/repo/shared/domain/a.ts',
        code: "import { r } from '../../renderer/src/r'",
        options,
        errors: [{ message: /crosses a layer\. S\./ }],
      },
      {
        filename: '/repo/electron/backend/db/x.ts',
        code: "import { app } from 'electron'",
        options,
        errors: [{ message: /'electron' may not be imported here\. B\./ }],
      },
      {
        filename: '/repo/electron/backend/x.ts',
        code: "export { bindIpc } from '../main/ipc'",
        options,
        errors: [{ message: /electron\/main\/ipc crosses a layer/ }],
      },
    ],
  },
)
