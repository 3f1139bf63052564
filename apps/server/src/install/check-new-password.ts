import { AppError } from '../app-error';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password';
import { checkPasswordStrength } from '../routes/account.routes';
import { InstallationError } from './installation-error';

/**
 * The same strength rules as the account and administration routes (length, not guessable from the
 * address), for a password set from the environment or the CLI; `source` names where it came from.
 */
export function checkNewPassword(password: string, email: string, source: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new InstallationError(`${source}: the password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, it has ${password.length}`);
  }
  try {
    checkPasswordStrength(password, email, '/password');
  } catch (error) {
    if (error instanceof AppError) throw new InstallationError(`${source}: ${error.appMessage.en}`);
    throw error;
  }
}
