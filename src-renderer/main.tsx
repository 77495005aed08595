import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hasToken } from './api';
import { addDenseGroupFromSelection, commandDisabledReason, fitViewSoon, runCommand, setViewController } from './commands';
import { NoToken } from './panels/NoToken';
import { provideCommands } from './state/command-bus';
import { applyTheme, useUiStore } from './state/ui-store';

// Features run commands through the bus; the table itself composes every feature.
provideCommands({ runCommand, commandDisabledReason, addDenseGroupFromSelection, setViewController, fitViewSoon });

// Before the first paint, so a dark window never flashes light.
applyTheme(useUiStore.getState().resolvedTheme);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {hasToken ? <App /> : <NoToken />}
  </StrictMode>,
);
