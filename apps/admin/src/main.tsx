import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@amtsweg/ui/styles.css';
import '@amtsweg/ui/frame.css';
import '@amtsweg/ui/staff.css';
import './admin.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
