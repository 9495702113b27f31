import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import {
  MAX_SAVED_CHARTS,
  SavedChartConfigSchema,
  type SaveChartRequest,
  type SavedChart,
} from '../../shared/domain/saved-charts'
import { AppError } from '../../shared/errors'
import { readJsonList, writeJsonFile } from './json-file'
import type { Logger } from './log'
import { Mutex } from './mutex'

export const SAVED_CHARTS_FILE = 'charts.json'

const StoredChartSchema = z.object({
  id: z.string().min(1).max(100),
  profileId: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  config: SavedChartConfigSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
})

export interface SavedChartStoreOptions {
  /** The folder profiles.json lives in. */
  configDir: string
  log: Logger
}

const notFound = () =>
  new AppError('not_found', 'That saved chart no longer exists. Pick another one.')

/**
 * Saved charts in one JSON file beside profiles.json: configuration only (no
 * data, no secrets), each under the connection profile it was saved for.
 */
export class SavedChartStore {
  private readonly mutex = new Mutex()

  constructor(private readonly options: SavedChartStoreOptions) {}

  get file(): string {
    return join(this.options.configDir, SAVED_CHARTS_FILE)
  }

  list(profileId: string): Promise<SavedChart[]> {
    return this.mutex.run(async () =>
      (await this.read())
        .filter((c) => c.profileId === profileId)
        .sort((a, b) => a.name.localeCompare(b.name)),
    )
  }

  save(request: SaveChartRequest): Promise<SavedChart> {
    return this.mutex.run(async () => {
      const charts = await this.read()
      const name = request.name.trim()
      const now = Date.now()
      let chart: SavedChart
      if (request.id) {
        const existing = this.find(charts, request.id)
        if (existing.profileId !== request.profileId) throw notFound()
        this.checkName(charts, request.profileId, name, existing.id)
        chart = { ...existing, name, config: request.config, updatedAt: now }
        charts[charts.indexOf(existing)] = chart
      } else {
        this.checkName(charts, request.profileId, name, null)
        if (charts.filter((c) => c.profileId === request.profileId).length >= MAX_SAVED_CHARTS) {
          throw new AppError(
            'invalid_input',
            `A connection keeps at most ${MAX_SAVED_CHARTS} saved charts: delete some first.`,
          )
        }
        chart = {
          id: randomUUID(),
          profileId: request.profileId,
          name,
          config: request.config,
          createdAt: now,
          updatedAt: now,
        }
        charts.push(chart)
      }
      await this.write(charts)
      return chart
    })
  }

  rename(id: string, name: string): Promise<SavedChart> {
    return this.mutex.run(async () => {
      const charts = await this.read()
      const existing = this.find(charts, id)
      const trimmed = name.trim()
      this.checkName(charts, existing.profileId, trimmed, id)
      const chart = { ...existing, name: trimmed, updatedAt: Date.now() }
      charts[charts.indexOf(existing)] = chart
      await this.write(charts)
      return chart
    })
  }

  delete(id: string): Promise<void> {
    return this.mutex.run(async () => {
      const charts = await this.read()
      const existing = this.find(charts, id)
      await this.write(charts.filter((c) => c !== existing))
    })
  }

  /** Forgets every chart of a profile (when the profile is deleted). */
  deleteProfile(profileId: string): Promise<void> {
    return this.mutex.run(async () => {
      const charts = await this.read()
      const kept = charts.filter((c) => c.profileId !== profileId)
      if (kept.length !== charts.length) await this.write(kept)
    })
  }

  private checkName(charts: SavedChart[], profileId: string, name: string, ownId: string | null) {
    const key = name.toLocaleLowerCase()
    const clash = charts.some(
      (c) => c.profileId === profileId && c.id !== ownId && c.name.toLocaleLowerCase() === key,
    )
    if (clash) {
      throw new AppError('conflict', `A chart named "${name}" is already saved; pick another name.`)
    }
  }

  private find(charts: SavedChart[], id: string): SavedChart {
    const chart = charts.find((c) => c.id === id)
    if (!chart) throw notFound()
    return chart
  }

  private read(): Promise<SavedChart[]> {
    return readJsonList(this.file, 'charts', StoredChartSchema, this.options.log)
  }

  private write(charts: SavedChart[]): Promise<void> {
    return writeJsonFile(this.file, { version: 1, charts })
  }
}
