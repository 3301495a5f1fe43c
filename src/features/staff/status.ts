import type { User } from '#src/db/types.ts';

/**
 * The statuses an admin may give an account. One without a password stays "invited" until its owner
 * sets one (a new invitation can be sent); one with a password is active or disabled, never invited again.
 */
export function statusChoices(user: Pick<User, 'password_hash'>): User['status'][] {
  return user.password_hash ? ['active', 'disabled'] : ['invited', 'disabled'];
}
