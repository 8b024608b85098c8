/**
 * What is done to a sign-in, for the audit log alongside the reads and erasures of personal
 * data: who gave, unlocked, reset, disabled or enabled whose account, and who changed their own
 * password. The entry names the account (`details.userId`, `details.username`), never a password.
 */
export const accountActions = ['user-created', 'user-unlocked', 'user-password-reset', 'user-disabled', 'user-enabled', 'password-changed'] as const;
export type AccountAction = (typeof accountActions)[number];
