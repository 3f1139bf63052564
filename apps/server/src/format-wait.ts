/**
 * How long to wait, for "Bitte versuchen Sie es in … wieder" / "Please try again in …": whole seconds below two
 * minutes, else whole minutes (rounded up, so nobody comes back too early).
 *
 * @example
 * formatWait(45)  // { de: '45 Sekunden', en: '45 seconds' }
 * formatWait(600) // { de: '10 Minuten', en: '10 minutes' }
 */
export function formatWait(seconds: number): { de: string; en: string } {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 120) return whole === 1 ? { de: '1 Sekunde', en: '1 second' } : { de: `${whole} Sekunden`, en: `${whole} seconds` };
  const minutes = Math.ceil(whole / 60);
  return { de: `${minutes} Minuten`, en: `${minutes} minutes` };
}
