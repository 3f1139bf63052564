import { AppError } from '../app-error';
import { checkPasswordStrength } from '../auth/password';
import { InstallationError } from './installation-error';

/**
 * The rules of the account and administration routes (`checkPasswordStrength`: length, not guessable from the
 * address) for a password set from the environment or the CLI; `source` names where it came from.
 */
export function checkNewPassword(password: string, email: string, source: string): void {
  try {
    checkPasswordStrength(password, email, '/password');
  } catch (error) {
    if (error instanceof AppError) throw new InstallationError(`${source}: ${error.appMessage.en}`);
    throw error;
  }
}
