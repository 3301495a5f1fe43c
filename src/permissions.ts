import type { StaffRole } from '#src/db/types.ts';

/**
 * The one place that says who may do what. Every /admin route names one action; a request is
 * allowed only when one of the user's roles lists that action. Nothing else grants access.
 */
export const roles: readonly StaffRole[] = ['admin', 'editor', 'reviewer', 'coordinator'];

export type Action =
  | 'dashboard.view'
  | 'account.manage'
  | 'users.manage'
  | 'settings.manage'
  | 'audit.view'
  | 'outbox.view'
  | 'articles.view'
  | 'articles.edit'
  | 'articles.review'
  | 'articles.publish'
  | 'comments.moderate'
  | 'consultations.handle';

const everyone: Action[] = ['dashboard.view', 'account.manage'];

const permissions: Record<StaffRole, readonly Action[]> = {
  admin: [...everyone, 'users.manage', 'settings.manage', 'audit.view', 'outbox.view', 'articles.view', 'articles.edit', 'articles.review', 'articles.publish', 'comments.moderate', 'consultations.handle'],
  editor: [...everyone, 'articles.view', 'articles.edit', 'articles.publish', 'comments.moderate'],
  reviewer: [...everyone, 'articles.view', 'articles.review', 'articles.publish', 'comments.moderate'],
  coordinator: [...everyone, 'consultations.handle'],
};

export function parseRoles(value: string): StaffRole[] {
  return value.split(',').filter((r): r is StaffRole => (roles as readonly string[]).includes(r));
}

export function can(userRoles: readonly StaffRole[], action: Action): boolean {
  return userRoles.some((role) => permissions[role].includes(action));
}
