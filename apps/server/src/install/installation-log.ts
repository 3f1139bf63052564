/** Where installation steps report (the server's pino logger, or the CLI's output); never given a password or an address. */
export interface InstallationLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}
