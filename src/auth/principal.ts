/**
 * Who sends a request: `staff` (the provider's people; `staff:<name>` names one) or
 * `contractor:<id>` (a contractor, by the id its contracts record). The principal's text is the
 * actor of every command it sends.
 */
import { ID_PATTERN } from '../events/fields';

export type Principal =
  | { readonly kind: 'staff'; readonly id: string }
  | { readonly kind: 'contractor'; readonly id: string; readonly contractorId: string };

const MAX_ID = 100;

/** The principal a text names, or why it names none. */
export const parsePrincipal = (text: string): Principal | { readonly problem: string } => {
  if (text === 'staff') return { kind: 'staff', id: text };
  const [kind, ...rest] = text.split(':');
  const name = rest.join(':');
  const valid = name.length > 0 && name.length <= MAX_ID && ID_PATTERN.test(name);
  if (kind === 'staff' && valid) return { kind: 'staff', id: text };
  if (kind === 'contractor' && valid) return { kind: 'contractor', id: text, contractorId: name };
  return {
    problem: `"${text}" is not a principal: use staff, staff:<name> or contractor:<contractor id> (ids use letters, digits and . _ : -).`,
  };
};

export const isPrincipal = (p: Principal | { readonly problem: string }): p is Principal => 'kind' in p;
