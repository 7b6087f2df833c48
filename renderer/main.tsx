import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ViewErrorBoundary } from './components/ViewErrorBoundary';
import './styles.css';

// The outer boundary is the last resort, for a failure outside any screen (the sidebar, the shell itself).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ViewErrorBoundary resetKey="app">
      <App />
    </ViewErrorBoundary>
  </StrictMode>,
);
