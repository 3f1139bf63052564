import { MAX_PASSWORD_LENGTH } from '../auth/password';
import { InstallationError } from '../install/installation-error';

/** What the CLI reads a password from: its stdin, and where it prompts (stderr, so stdout stays the result). */
export interface PasswordInput {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  prompt: NodeJS.WritableStream;
}

/**
 * The new password: from stdin when it is not a terminal (a pipe or a file: `printf '%s' "$PW" | …`; one final
 * line break is dropped), else asked twice at the terminal without echo. Never from the command line, where
 * other users of the machine and the shell history would see it.
 */
export async function readNewPassword({ input, prompt }: PasswordInput): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return readPiped(input);
  const first = await askHidden(input, prompt, 'New password: ');
  const second = await askHidden(input, prompt, 'Repeat the new password: ');
  if (first !== second) throw new InstallationError('The two passwords differ; nothing was changed');
  return first;
}

async function readPiped(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.length > MAX_PASSWORD_LENGTH + 2) throw new InstallationError(`The password on stdin is longer than ${MAX_PASSWORD_LENGTH} characters`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (password === '') throw new InstallationError('No password on stdin: pipe it in (printf \'%s\' "$PASSWORD" | …), or run the command at a terminal to be asked');
  if (/[\r\n]/.test(password)) throw new InstallationError('The password on stdin has more than one line');
  return password;
}

function askHidden(input: NodeJS.ReadableStream & { setRawMode?: (mode: boolean) => unknown }, prompt: NodeJS.WritableStream, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    prompt.write(question);
    let value = '';
    const finish = (): void => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      prompt.write('\n');
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new InstallationError('Cancelled; nothing was changed'));
          return;
        }
        // Backspace (DEL or ^H) removes the last character typed.
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    input.setRawMode?.(true);
    input.resume();
    input.on('data', onData);
  });
}
