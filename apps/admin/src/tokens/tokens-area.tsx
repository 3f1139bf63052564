import type { ReactNode } from 'react';
import type { Translate } from '../i18n';
import { TokensPage } from './TokensPage';

export const TOKENS_PATH = '/admin/api-tokens';

/** The API token area: one page with the list, the form and the token shown once. */
export const TOKENS_AREA = {
  path: TOKENS_PATH,
  label: (t: Translate) => t('tokens.title'),
  permission: 'tokens:manage',
  render: (): ReactNode => <TokensPage />,
};
