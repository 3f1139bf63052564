import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

/** German postal codes: five digits, 01001–99998 (no code starts with 00). */
export const POSTAL_CODE_DE = /^(?!00)\d{5}$/;

/** A phone number as people write it: optional +, digits, spaces, and ( ) / - as separators. */
export const PHONE = /^\+?[0-9](?:[0-9 ()/-]){4,24}[0-9]$/;

/** Validates an IBAN in electronic form (no spaces), including its mod-97 check digits. */
export function isIban(value: string): boolean {
  return isValidIBAN(value);
}

/** Removes spaces and upper-cases, as a bank would read it: "de89 3704 …" → "DE893704…". */
export function normalizeIban(value: string): string {
  return electronicFormatIBAN(value) ?? value;
}
