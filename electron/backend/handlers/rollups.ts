import { AppError } from '../../../shared/errors'
import { readFeatures } from '../catalog/features'
import { qualified } from '../catalog/time-range'
import { fillRollup } from '../rollups/fill'
import { NEEDS_TIMESCALE, proposeRollup } from '../rollups/propose'
import { readRollups } from '../rollups/read'
import type { HandlerMap } from './types'

export const rollupHandlers = {
  'rollups/list': async (request, ctx) => {
    const db = ctx.db()
    const features = await readFeatures(db)
    const rollups = await readRollups(db, features, request.table, {
      signal: ctx.signal,
      orView: true,
    })
    return { timescaledb: features.timescaledb !== null, rollups }
  },
  'rollups/propose': (request, ctx) => proposeRollup(ctx.db(), request, null, ctx.signal),
  'rollups/create': async (request, ctx) => {
    const db = ctx.db()
    const { name, ...chart } = request
    const proposal = await proposeRollup(db, chart, name, ctx.signal)
    // Cheap steps first, in the call: a refused one changes nothing.
    const [create, policy] = proposal.sql
    await db.query(create ?? '', [])
    try {
      await db.query(policy ?? '', [])
    } catch (error) {
      await db.query(`DROP MATERIALIZED VIEW IF EXISTS ${qualified(proposal.view)}`, [])
      throw error
    }
    const driver = ctx.session.require() // not ctx.db(): the job outlives this call
    const target = {
      view: proposal.view,
      table: chart.spec.table,
      timeColumn: chart.spec.time.column,
      bucketSeconds: proposal.bucketSeconds,
    }
    const jobId = ctx.jobs.start('rollup', async (job) => {
      try {
        return await fillRollup(driver, target, job)
      } catch (error) {
        // Cancelled or failed: remove the aggregate, so nothing half-made stays.
        await driver
          .query(`DROP MATERIALIZED VIEW IF EXISTS ${qualified(proposal.view)}`, [])
          .catch(() => {})
        throw error
      }
    })
    return { jobId, proposal }
  },
  'rollups/remove': async (request, ctx) => {
    const db = ctx.db()
    const features = await readFeatures(db)
    if (!features.timescaledb) throw new AppError('invalid_input', NEEDS_TIMESCALE)
    const all = await readRollups(db, features, null, { signal: ctx.signal })
    const found = all.find(
      (r) => r.view.schema === request.view.schema && r.view.name === request.view.name,
    )
    if (!found) {
      throw new AppError(
        'not_found',
        `${request.view.schema}.${request.view.name} is not a continuous aggregate here (removed already?). Read the database again.`,
      )
    }
    await db.query(`DROP MATERIALIZED VIEW ${qualified(found.view)}`, [])
    return { view: found.view }
  },
} satisfies Pick<
  HandlerMap,
  'rollups/list' | 'rollups/propose' | 'rollups/create' | 'rollups/remove'
>
