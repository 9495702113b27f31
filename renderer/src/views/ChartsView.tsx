export function ChartsView() {
  return (
    <section className="page" aria-labelledby="charts-title">
      <header className="page-header">
        <h1 id="charts-title">Charts</h1>
      </header>
      <p className="muted">Charts of time_bucket averages are not built yet.</p>
    </section>
  )
}
