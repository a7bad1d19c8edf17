import {
  type Actor,
  allowedActions,
  ConflictError,
  ForbiddenError,
  refusalOf,
  TEMPLATE_VERSION_STATES,
  VERSION_ACTIONS,
} from '../../src/index.js';

const sam: Actor = { id: 'sam', roles: ['agent'] };
const mia: Actor = { id: 'mia', roles: ['approver'] };
const noor: Actor = { id: 'noor', roles: ['admin'] };
const viewer: Actor = { id: 'vic', roles: [] };

const version = (state: (typeof TEMPLATE_VERSION_STATES)[number], createdBy = 'sam') => ({
  version: 3,
  state,
  createdBy,
});

describe('the review rules', () => {
  it.each([
    ['the author submits a draft', version('Draft'), sam, ['submit']],
    ['another agent cannot submit it', version('Draft'), { id: 'ava', roles: ['agent'] } as Actor, []],
    ['an admin submits a draft someone left behind', version('Draft'), noor, ['submit']],
    ['an approver reviews someone else’s version', version('InReview'), mia, ['approve', 'reject']],
    ['an approver never reviews their own', version('InReview', 'mia'), mia, []],
    ['an agent cannot review', version('InReview'), { id: 'ava', roles: ['agent'] } as Actor, []],
    ['an approved version can go live', version('Approved'), mia, ['activate']],
    ['a retired version can come back (a rollback)', version('Retired'), mia, ['activate']],
    ['the live version offers nothing more', version('Active'), noor, []],
    ['a rejected version is finished', version('Rejected'), noor, []],
    ['someone without a role can do nothing', version('Draft', 'vic'), viewer, []],
  ])('%s', (_case, subject, actor, expected) => {
    expect(allowedActions(subject, actor)).toEqual(expected);
  });

  it('says why an action is refused: the role or the four-eyes rule (403), or the state (409)', () => {
    expect(refusalOf('approve', version('InReview'), sam)).toEqual(
      new ForbiddenError('approving a template needs the approver role'),
    );
    expect(refusalOf('approve', version('InReview', 'mia'), mia)).toBeInstanceOf(ForbiddenError);
    expect(refusalOf('approve', version('Draft'), mia)).toEqual(
      new ConflictError('version 3 is Draft: it cannot become Approved'),
    );
    expect(refusalOf('activate', version('InReview'), mia)?.message).toBe(
      'version 3 is InReview: only approved versions can become active',
    );
  });

  it('offers an action exactly when it would not be refused (but never re-activating the live version)', () => {
    const actors = [sam, mia, noor, viewer];
    for (const state of TEMPLATE_VERSION_STATES)
      for (const author of ['sam', 'mia', 'noor'])
        for (const actor of actors)
          for (const action of VERSION_ACTIONS) {
            const subject = version(state, author);
            const offered = allowedActions(subject, actor).includes(action);
            const refused = refusalOf(action, subject, actor) !== undefined;
            expect({ state, author, actor: actor.id, action, offered }).toEqual({
              state,
              author,
              actor: actor.id,
              action,
              offered: !refused && !(action === 'activate' && state === 'Active'),
            });
          }
  });
});
