// @ts-check
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import layering from './tools/eslint-layering.js'

/**
 * The layering of shared/DESIGN.md, enforced: shared/ imports neither side;
 * the backend never imports Electron or the UI; the renderer reaches the
 * backend only through the contract in shared/.
 */
const zones = [
  {
    target: 'shared',
    from: ['electron', 'renderer'],
    modules: ['electron'],
    message: 'shared/ is imported by both sides and imports neither.',
  },
  {
    target: 'electron/backend',
    from: ['electron/main', 'electron/preload', 'renderer'],
    modules: ['electron'],
    message: "The backend is plain Node: it never imports 'electron', main, preload or UI code.",
  },
  {
    target: 'renderer',
    from: ['electron'],
    modules: ['electron'],
    message: 'The renderer talks to the backend only through the typed client.',
  },
  {
    target: 'renderer/src/api',
    from: ['renderer/src/store', 'renderer/src/components', 'renderer/src/views'],
    message:
      'The API client knows nothing of the store or the UI: call() returns a result or throws, and the store decides what a failure shows.',
  },
  {
    target: 'renderer/src/components',
    from: ['renderer/src/api'],
    message:
      'Components render the store and dispatch its actions; calls to the backend are store actions.',
  },
  {
    target: 'renderer/src/views',
    from: ['renderer/src/api'],
    message:
      'Views render the store and dispatch its actions; calls to the backend are store actions.',
  },
  {
    target: 'electron/preload',
    from: ['electron/main', 'electron/backend', 'renderer'],
    message: 'The preload exposes the contract and nothing else.',
  },
  {
    target: 'electron/main',
    from: ['renderer', 'electron/preload'],
    message: 'Main binds the backend to Electron; it does not import the UI.',
  },
]

/** Syntax the renderer never uses. */
const rendererForbids = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'Server text is rendered as text, never as HTML.',
  },
  {
    selector:
      "Program > VariableDeclaration[kind='let'], Program > ExportNamedDeclaration > VariableDeclaration[kind='let']",
    message:
      'No module-level mutable state in the renderer: state lives in the store (a slice, or its closure).',
  },
  {
    // An effect's return value is its cleanup: React calls whatever comes back. Chromium's
    // scrollIntoView/scrollTo now return promises, which blanked the page once.
    selector:
      "CallExpression[callee.name=/^use(Layout)?Effect$/] > ArrowFunctionExpression.arguments:first-child[expression=true]:not([body.type='ArrowFunctionExpression'])",
    message: 'Give an effect a block body: an expression body returns its value as the cleanup.',
  },
]

/** Components and views render state and dispatch actions; the store does the rest. */
const viewForbids = [
  ...rendererForbids,
  {
    selector: "MemberExpression[object.name='useStore'][property.name='getState']",
    message:
      'Components read the store through useStore(selector) and change it through actions, never getState().',
  },
]

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.tsbuild/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { layering },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'layering/imports': ['error', { root: import.meta.dirname, zones }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: [
      'electron/**/*.{ts,mjs}',
      'bench/**/*.{ts,mjs}',
      'e2e/**/*.ts',
      'scripts/**/*.mjs',
      'tools/**/*.js',
      '*.{js,ts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': ['error', ...rendererForbids],
    },
  },
  {
    files: ['renderer/src/components/**/*.tsx', 'renderer/src/views/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...viewForbids] },
  },
  {
    // Plain-JS files are not part of a tsconfig project; lint them without type information.
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.{ts,mjs}'],
    rules: { 'no-console': 'off' },
  },
)
