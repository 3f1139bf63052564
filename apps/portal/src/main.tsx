import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@amtsweg/ui/styles.css';
import '@amtsweg/ui/frame.css';
import './portal.css';
import { setApiOrganisation, setRouterBase } from '@amtsweg/ui/app';
import { App } from './App';

// An organisation's portal on a shared host lives under /o/<slug>/ (one installation, several municipalities):
// its addresses keep the prefix and its API calls name the organisation.
const prefixed = /^\/o\/([a-z0-9][a-z0-9-]{1,62})(?:\/|$)/.exec(location.pathname);
if (prefixed) {
  setRouterBase(`/o/${prefixed[1]!}`);
  setApiOrganisation(prefixed[1]);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
