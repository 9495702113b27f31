/**
 * Where a UI load's time goes besides the server: CPU seconds of the web host
 * process (all its threads: the generator, COPY, events) and the page's main
 * thread (Chromium's own Performance metrics: tasks, script, layout).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100

/** The pid of the web host serving `dataDir` (its command line names the folder). */
export function hostPid(dataDir: string): number | null {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
  for (const line of out.split('\n')) {
    if (line.includes('web.js') && line.includes(dataDir)) return Number(line.trim().split(' ')[0])
  }
  return null
}

/** CPU seconds (user + system) the process has used so far; null off Linux. */
export function cpuSeconds(pid: number | null): number | null {
  if (pid === null) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS
  } catch {
    return null
  }
}

export interface PageCpu {
  /** Seconds the page's main thread ran tasks, and of that script, layout and style. */
  taskSeconds: number
  scriptSeconds: number
  layoutSeconds: number
  styleSeconds: number
}

/** A reader of the page's cumulative main-thread metrics. */
export async function pageCpu(page: Page): Promise<() => Promise<PageCpu>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
    return {
      taskSeconds: get('TaskDuration'),
      scriptSeconds: get('ScriptDuration'),
      layoutSeconds: get('LayoutDuration'),
      styleSeconds: get('RecalcStyleDuration'),
    }
  }
}

export function difference(after: PageCpu, before: PageCpu): PageCpu {
  return {
    taskSeconds: after.taskSeconds - before.taskSeconds,
    scriptSeconds: after.scriptSeconds - before.scriptSeconds,
    layoutSeconds: after.layoutSeconds - before.layoutSeconds,
    styleSeconds: after.styleSeconds - before.styleSeconds,
  }
}
