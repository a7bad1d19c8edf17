import { type Actor, hasRole, type Role } from '../access.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import { type TemplateVersion, type TemplateVersionState, templateVersionPredecessors } from './template.js';

/** What can be done to a template version once it exists (edits make new versions). */
export const VERSION_ACTIONS = ['submit', 'approve', 'reject', 'activate'] as const;
export type VersionAction = (typeof VERSION_ACTIONS)[number];

const RULES: Record<
  VersionAction,
  { role: Role; doing: string; to: TemplateVersionState; from: readonly TemplateVersionState[] }
> = {
  submit: { role: 'agent', doing: 'submitting a template for review', to: 'InReview', from: ['Draft'] },
  approve: { role: 'approver', doing: 'approving a template', to: 'Approved', from: ['InReview'] },
  reject: { role: 'approver', doing: 'rejecting a template', to: 'Rejected', from: ['InReview'] },
  // Activating an earlier (retired) version is a rollback; activating the active one changes nothing.
  activate: {
    role: 'approver',
    doing: 'activating a template',
    to: 'Active',
    from: [...templateVersionPredecessors('Active'), 'Active'],
  },
};

/** The role an action needs, checked before anything is read. */
export function roleFor(action: VersionAction): { role: Role; doing: string } {
  const { role, doing } = RULES[action];
  return { role, doing };
}

type Reviewed = Pick<TemplateVersion, 'version' | 'state' | 'createdBy'>;

/**
 * Why `actor` may not take `action` on `version`, or undefined when they may: the role, the four-eyes rule
 * (an author never reviews their own version; only the author — or an admin — submits it), and the state.
 */
export function refusalOf(action: VersionAction, version: Reviewed, actor: Actor): Error | undefined {
  const rule = RULES[action];
  if (!hasRole(actor, rule.role)) return new ForbiddenError(`${rule.doing} needs the ${rule.role} role`);
  const own = version.createdBy === actor.id;
  if (action === 'submit' && !own && !hasRole(actor, 'admin'))
    return new ForbiddenError(
      `only the author of version ${version.version} (${version.createdBy}) or an admin can submit it for review`,
    );
  if (action === 'approve' && own)
    return new ForbiddenError('a template version must be approved by someone other than its author');
  if (action === 'reject' && own)
    return new ForbiddenError('a template version must be reviewed by someone other than its author');
  if (!rule.from.includes(version.state))
    return new ConflictError(
      action === 'activate'
        ? `version ${version.version} is ${version.state}: only approved versions can become active`
        : `version ${version.version} is ${version.state}: it cannot become ${rule.to}`,
    );
  return undefined;
}

/** Throws the refusal, if any: what the template service checks before it moves a version. */
export function assertAllowed(action: VersionAction, version: Reviewed, actor: Actor): void {
  const refusal = refusalOf(action, version, actor);
  if (refusal) throw refusal;
}

/** The actions `actor` may take on `version` now — what the UI offers, so it never restates these rules. */
export function allowedActions(version: Reviewed, actor: Actor): VersionAction[] {
  return VERSION_ACTIONS.filter(
    (action) =>
      refusalOf(action, version, actor) === undefined &&
      !(action === 'activate' && version.state === 'Active'),
  );
}
