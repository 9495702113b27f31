import type { Snippet } from '../../../shared/domain/console'

/**
 * The quick start's own statements, offered as snippets in every profile, as
 * the tutorial writes them (psycopg2's `%s` placeholders included; the
 * console asks for their values). Indentation is ours; a test checks each is
 * in the seed document, whitespace aside.
 */
const STARTERS: [string, string][] = [
  [
    'Create the sensors table',
    'CREATE TABLE sensors (id SERIAL PRIMARY KEY, type VARCHAR(50), location VARCHAR(50));',
  ],
  [
    'Create the sensor_data table',
    `CREATE TABLE sensor_data (
  time TIMESTAMPTZ NOT NULL,
  sensor_id INTEGER,
  temperature DOUBLE PRECISION,
  cpu DOUBLE PRECISION,
  FOREIGN KEY (sensor_id) REFERENCES sensors (id)
);`,
  ],
  ['Make sensor_data a hypertable', "SELECT create_hypertable('sensor_data', 'time');"],
  ['Add a sensor (type, location)', 'INSERT INTO sensors (type, location) VALUES (%s, %s);'],
  [
    'Simulate a day of readings for a sensor',
    `SELECT generate_series(now() - interval '24 hour', now(), interval '5 minute') AS time,
       %s as sensor_id,
       random()*100 AS temperature,
       random() AS cpu`,
  ],
  ['The first five readings', 'SELECT * FROM sensor_data LIMIT 5;'],
  ['Every reading', 'SELECT * FROM sensor_data;'],
  [
    'Average cpu per 5 minutes, for a location and type',
    `SELECT time_bucket('5 minutes', time) AS five_min, avg(cpu)
FROM sensor_data
JOIN sensors ON sensors.id = sensor_data.sensor_id
WHERE sensors.location = %s AND sensors.type = %s
GROUP BY five_min
ORDER BY five_min DESC;`,
  ],
]

export const STARTER_SNIPPETS: readonly Snippet[] = STARTERS.map(([name, sql], i) => ({
  id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  name,
  sql,
  starter: true,
  updatedAt: 0,
}))
