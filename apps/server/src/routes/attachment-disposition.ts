/**
 * A `Content-Disposition` header for a download (RFC 6266): `filename` with an ASCII rendering for old
 * clients, `filename*` (RFC 5987) with the exact UTF-8 name for everyone else.
 *
 * @example
 *   attachmentDisposition('Eingangsbestätigung.pdf')
 *   // attachment; filename="Eingangsbestaetigung.pdf"; filename*=UTF-8''Eingangsbest%C3%A4tigung.pdf
 */
export function attachmentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  return `${disposition}; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

const GERMAN_LETTERS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS' };

function asciiFileName(fileName: string): string {
  return fileName
    .replace(/[äöüÄÖÜßẞ]/g, (letter) => GERMAN_LETTERS[letter] ?? '_')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
}

// encodeURIComponent leaves ' ( ) * unescaped, which RFC 5987's attr-char does not allow.
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
