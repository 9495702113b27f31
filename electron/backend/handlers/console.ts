import type { ConsoleRunReply } from '../../../shared/domain/console'
import { AppError } from '../../../shared/errors'
import { readCompletions } from '../console/completions'
import { explainStatement } from '../console/explain'
import { startExport } from '../console/export-job'
import { profileKeyOf } from '../console/history'
import type { StatementRecord } from '../console/session'
import type { CallContext, HandlerContext, HandlerMap } from './types'

const profileOf = (ctx: HandlerContext) => profileKeyOf(ctx.session.current.target)

/** A tab is its client's own (ctx.client: one window or web-host tab). */
function tabSession(ctx: CallContext, consoleId: string) {
  return ctx.consoles.session(ctx.client, consoleId)
}

/** Calls on a tab's result or transaction need its session; they never open one. */
function existingTab(ctx: CallContext, consoleId: string) {
  const session = ctx.consoles.existing(ctx.client, consoleId)
  if (!session) {
    throw new AppError(
      'not_found',
      'This tab has no open session (it was closed, sat idle, or the connection changed). Run the statement again.',
    )
  }
  return session
}

function recordHistory(ctx: HandlerContext, profile: string, records: StatementRecord[]) {
  const now = Date.now()
  return ctx.consoleStore
    .record(
      profile,
      records.map(({ sql, outcome }) => ({
        at: now,
        sql,
        durationMs: outcome.durationMs,
        rows: outcome.rowCount ?? (outcome.columns ? outcome.rows.length : null),
        outcome: outcome.status,
        ...(outcome.error ? { message: outcome.error.message } : {}),
      })),
    )
    .catch((error: unknown) =>
      ctx.log.warn('could not write the console history', {
        reason: error instanceof Error ? error.message : String(error),
      }),
    )
}

export const consoleHandlers = {
  'console/run': async (request, ctx): Promise<ConsoleRunReply> => {
    const profile = profileOf(ctx)
    const session = await tabSession(ctx, request.consoleId)
    return session.run(request, ctx.signal, (records) => recordHistory(ctx, profile, records))
  },
  'console/fetch': async ({ consoleId, resultId, offset, limit }, ctx) =>
    existingTab(ctx, consoleId).fetch(resultId, offset, limit, ctx.signal),
  'console/count': async ({ consoleId, resultId }, ctx) => ({
    total: await existingTab(ctx, consoleId).total(resultId, ctx.signal),
  }),
  'console/close-result': async ({ consoleId, resultId }, ctx) => {
    const session = ctx.consoles.existing(ctx.client, consoleId)
    if (!session) return { tx: 'none', resultId: null }
    await session.closeResultById(resultId)
    return session.state()
  },
  // After the tab's running work (a cancelled statement's end included), so the state is settled.
  'console/state': async ({ consoleId }, ctx) => {
    const session = ctx.consoles.existing(ctx.client, consoleId)
    if (!session) return { tx: 'none', resultId: null }
    return session.alone(async () => session.state(), ctx.signal)
  },
  'console/commit': async ({ consoleId }, ctx) =>
    existingTab(ctx, consoleId).finishTransaction('COMMIT'),
  'console/rollback': async ({ consoleId }, ctx) =>
    existingTab(ctx, consoleId).finishTransaction('ROLLBACK'),
  'console/close': async ({ consoleId }, ctx) => ctx.consoles.close(ctx.client, consoleId),
  'console/explain': async (request, ctx) =>
    explainStatement(await tabSession(ctx, request.consoleId), request, ctx.signal),
  'console/export': async (request, ctx) =>
    startExport(await tabSession(ctx, request.consoleId), request, {
      jobs: ctx.jobs,
      downloads: ctx.downloads,
      chooseFile: ctx.chooseExportFile,
    }),
  'console/history': async ({ search, limit }, ctx) =>
    ctx.consoleStore.history(profileOf(ctx), search, limit),
  'console/snippets': async (_request, ctx) => ctx.consoleStore.snippets(profileOf(ctx)),
  'console/snippet-save': async (request, ctx) =>
    ctx.consoleStore.saveSnippet(profileOf(ctx), request),
  'console/snippet-delete': async ({ id }, ctx) => {
    await ctx.consoleStore.deleteSnippet(profileOf(ctx), id)
    return { id }
  },
  'console/completions': async (_request, ctx) => readCompletions(ctx.db()),
  'console/tabs': async (_request, ctx) => ctx.consoleStore.tabs(profileOf(ctx)),
  'console/tabs-save': async (request, ctx) => {
    await ctx.consoleStore.saveTabs(profileOf(ctx), request)
    return request
  },
} satisfies Pick<
  HandlerMap,
  | 'console/run'
  | 'console/fetch'
  | 'console/count'
  | 'console/close-result'
  | 'console/state'
  | 'console/commit'
  | 'console/rollback'
  | 'console/close'
  | 'console/explain'
  | 'console/export'
  | 'console/history'
  | 'console/snippets'
  | 'console/snippet-save'
  | 'console/snippet-delete'
  | 'console/completions'
  | 'console/tabs'
  | 'console/tabs-save'
>
