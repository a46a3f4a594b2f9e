import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { loadInitialSettings } from './app/settingsStore.js';
import { initI18n } from './i18n/index.js';
import { ensureApi } from './transport/index.js';
import './styles.css';

async function start(): Promise<void> {
  await ensureApi();
  const settings = await loadInitialSettings();
  await initI18n(settings.locale);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
