/** One-time MFA recovery codes, stored as SHA-256 (they carry 80 random bits, so a fast hash suffices). */
export interface UserRecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}
