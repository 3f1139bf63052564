// Letters and digits without the ones people confuse when reading a password aloud or copying it by hand (0/O, 1/l/I).
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A random initial password from the browser's cryptographic generator: four groups of five characters
 * (about 116 bits), easy to read out and to type.
 *
 * @example
 * generatePassword() // 'fK7qa-Ub3mz-8xPtc-Rw2hd'
 */
export function generatePassword(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const groups: string[] = [];
  for (let group = 0; group < GROUPS; group += 1) {
    let text = '';
    while (text.length < GROUP_LENGTH) {
      // Rejection sampling: a byte beyond the last full multiple of the alphabet would favour its first letters.
      const [byte] = random(new Uint8Array(1));
      if (byte !== undefined && byte < 256 - (256 % ALPHABET.length)) text += ALPHABET[byte % ALPHABET.length];
    }
    groups.push(text);
  }
  return groups.join('-');
}
