import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hasToken } from './api';
import { NoToken } from './panels/NoToken';
import { applyTheme, useUiStore } from './state/ui-store';

// Before the first paint, so a dark window never flashes light.
applyTheme(useUiStore.getState().resolvedTheme);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {hasToken ? <App /> : <NoToken />}
  </StrictMode>,
);
