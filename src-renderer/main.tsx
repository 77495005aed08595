import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hasToken } from './api';
import { NoToken } from './panels/NoToken';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {hasToken ? <App /> : <NoToken />}
  </StrictMode>,
);
