// Rules for passwords set by an administrator; long beats complex (NIST SP 800-63B §5.1.1).
// Kept apart from password.ts (argon2, server-only) so forms can show the same limits.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
