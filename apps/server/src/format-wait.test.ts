import { describe, expect, it } from 'vitest';
import { formatWait } from './format-wait';

describe('formatWait', () => {
  it.each([
    [1, '1 Sekunde', '1 second'],
    [0.2, '1 Sekunde', '1 second'],
    [30, '30 Sekunden', '30 seconds'],
    [119, '119 Sekunden', '119 seconds'],
    [120, '2 Minuten', '2 minutes'],
    [121, '3 Minuten', '3 minutes'],
    [3600, '60 Minuten', '60 minutes'],
  ])('says %s seconds as „%s“ and “%s”', (seconds, de, en) => {
    expect(formatWait(seconds)).toEqual({ de, en });
  });
});
