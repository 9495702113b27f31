import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { useStore } from './store'
import './styles/app.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
// Once per page (not in an effect, which StrictMode runs twice): listen, then connect.
void useStore.getState().startup()
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
