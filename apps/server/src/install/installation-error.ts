/**
 * Something about the installation (environment, data folder, a command's input) that stops a start or a CLI
 * command. Its message says what is wrong and what to do, names the variable or option, and is shown as it
 * is, without a stack trace.
 */
export class InstallationError extends Error {
  override readonly name = 'InstallationError';
}
