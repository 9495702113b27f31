import { LoadDataPanel } from '../components/loads/LoadDataPanel'

export function SensorsView() {
  return (
    <section className="page" aria-labelledby="sensors-title">
      <header className="page-header">
        <h1 id="sensors-title">Sensors</h1>
      </header>
      <p className="muted">Schema setup and the sensor manager are not built yet.</p>
      <LoadDataPanel />
    </section>
  )
}
