import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Where the peers connect: the bench's own server, password passed through the environment. */
export interface Target {
  host: string
  port: number
  user: string
  password: string
  database: string
}

export const COPY_COLUMNS = 'sensor_data (time, sensor_id, temperature, cpu)'

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      if (code === 0) resolve({ stdout, seconds })
      else reject(new Error(`${command} exited with ${code}: ${stderr.trim().slice(0, 500)}`))
    })
  })
}

export const PSQL = process.env.PSQL ?? '/usr/bin/psql'

/** Null when psql is there; otherwise why the psql peers are skipped. */
export function psqlMissing(): string | null {
  if (existsSync(PSQL)) return null
  const found = spawnSync('psql', ['--version'])
  return found.status === 0
    ? null
    : `psql not found at ${PSQL} or on PATH (install postgresql-client)`
}

/** `psql \copy` of a whole file, timed as the user would run it (process start to exit). */
export async function psqlCopy(
  target: Target,
  file: string,
  format: 'text' | 'binary',
): Promise<number> {
  const command = existsSync(PSQL) ? PSQL : 'psql'
  const options = format === 'binary' ? ' WITH (FORMAT binary)' : ''
  const { seconds } = await run(
    command,
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      target.host,
      '-p',
      String(target.port),
      '-U',
      target.user,
      '-d',
      target.database,
      '-c',
      `\\copy ${COPY_COLUMNS} FROM '${file.replaceAll("'", "''")}'${options}`,
    ],
    { PGPASSWORD: target.password, PGSSLMODE: 'disable' },
  )
  return seconds
}

export interface PythonModules {
  /** An interpreter that has each module, or why none has it. */
  psycopg2: { python: string } | { reason: string }
  psycopg: { python: string } | { reason: string }
}

/**
 * pyenv and friends shadow the system Python on PATH, while Debian's
 * python3-psycopg2 / python3-psycopg install into /usr/bin/python3: try both.
 */
export function findPythonModules(): PythonModules {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => !!c,
  )
  const find = (module: string): { python: string } | { reason: string } => {
    for (const python of candidates) {
      const probe = spawnSync(python, ['-c', `import ${module}`])
      if (probe.status === 0) return { python }
    }
    return {
      reason: `Python module ${module} is not importable by ${candidates.join(' or ')} (Debian: apt-get install python3-${module})`,
    }
  }
  return { psycopg2: find('psycopg2'), psycopg: find('psycopg') }
}

const PYTHON = String.raw`
import json, sys, time
mode, dsn, path, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
copy_sql = "COPY ${COPY_COLUMNS} FROM STDIN (FORMAT binary)"
if mode == "insert":
    import psycopg2
    rows = []
    with open(path) as f:
        for line in f:
            if len(rows) >= limit:
                break
            t, sid, temp, cpu = line.rstrip("\n").split("\t")
            rows.append((t, int(sid), float(temp), float(cpu)))
    conn = psycopg2.connect(dsn)
    cursor = conn.cursor()
    started = time.perf_counter()
    # The quick start's pattern: one execute per row, one commit at the end.
    SQL = "INSERT INTO sensor_data (time, sensor_id, temperature, cpu) VALUES (%s, %s, %s, %s);"
    for row in rows:
        cursor.execute(SQL, row)
    conn.commit()
    seconds = time.perf_counter() - started
elif mode == "psycopg2-copy":
    import psycopg2
    conn = psycopg2.connect(dsn)
    started = time.perf_counter()
    with open(path, "rb") as f:
        conn.cursor().copy_expert(copy_sql, f, size=1 << 20)
    conn.commit()
    seconds = time.perf_counter() - started
elif mode == "psycopg-copy":
    import psycopg
    conn = psycopg.connect(dsn)
    started = time.perf_counter()
    with open(path, "rb") as f, conn.cursor() as cur:
        with cur.copy(copy_sql) as copy:
            while data := f.read(1 << 20):
                copy.write(data)
    conn.commit()
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds}))
`

/** Runs one Python peer; returns the seconds it measured around its own load. */
export async function pythonPeer(
  python: string,
  mode: 'insert' | 'psycopg2-copy' | 'psycopg-copy',
  target: Target,
  file: string,
  limit = 0,
): Promise<number> {
  const dsn = `host=${target.host} port=${target.port} user=${target.user} dbname=${target.database} sslmode=disable`
  const { stdout } = await run(python, ['-c', PYTHON, mode, dsn, file, String(limit)], {
    PGPASSWORD: target.password,
  })
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { seconds?: number }
  if (typeof result.seconds !== 'number') throw new Error(`${mode} printed no timing: ${stdout}`)
  return result.seconds
}
