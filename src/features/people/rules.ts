import type { Person } from '#src/db/types.ts';
import type { Role } from './service.ts';

/** Pure rules about people, shared by the service and the views without a database. */

export function hasRole(person: Person, role: Role): boolean {
  return person.roles.split(',').includes(role);
}

/** The letters shown in place of a photo: "Dr Sana Khan" → "SK". */
export function initials(name: string): string {
  const words = name.replace(/^(Dr|Prof|Mr|Mrs|Ms)\.?\s+/i, '').split(/\s+/).filter(Boolean);
  return words.slice(0, 2).map((w) => w[0]?.toUpperCase() ?? '').join('');
}
