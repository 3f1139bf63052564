import { useState } from 'react';
import { createStableKeys, type StableKeys } from './stable-keys';

/** A key book that lives as long as the component (see `createStableKeys`). */
export function useStableKeys(): StableKeys {
  const [keys] = useState(createStableKeys);
  return keys;
}
