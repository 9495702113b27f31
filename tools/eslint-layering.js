// @ts-check
/**
 * ESLint rule enforcing the import layering of shared/DESIGN.md. Each relative
 * import is resolved against the importing file and checked against the zones;
 * bare module names listed for a zone (e.g. 'electron') are refused too.
 */
import { dirname, relative, resolve, sep } from 'node:path'

/**
 * @typedef {{ target: string, from: string[], modules?: string[], message: string }} Zone
 * @typedef {{ root: string, zones: Zone[] }} Options
 */

const inside = (/** @type {string} */ file, /** @type {string} */ dir) =>
  file === dir || file.startsWith(dir + sep)

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports inside the layers DESIGN.md allows' },
    schema: [{ type: 'object' }],
  },
  create(context) {
    const { root, zones } = /** @type {Options} */ (context.options[0])
    const file = context.filename
    const active = zones.filter((zone) => inside(file, resolve(root, zone.target)))
    if (active.length === 0) return {}
    /** @param {import('estree').Node & { source?: unknown }} node */
    const check = (node) => {
      const source = /** @type {{ value?: unknown } | null | undefined} */ (node.source)?.value
      if (typeof source !== 'string') return
      for (const zone of active) {
        if (zone.modules?.includes(source)) {
          context.report({ node, message: `'${source}' may not be imported here. ${zone.message}` })
          continue
        }
        if (!source.startsWith('.')) continue
        const target = resolve(dirname(file), source)
        const hit = zone.from.find((from) => inside(target, resolve(root, from)))
        if (hit) {
          const shown = relative(root, target)
          context.report({ node, message: `Import of ${shown} crosses a layer. ${zone.message}` })
        }
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    }
  },
}

export default { rules: { imports: rule } }
