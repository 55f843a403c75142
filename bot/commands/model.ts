import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import type { PromotionRequest } from '../../core/governance.ts';
import type { ModelVersionInfo } from '../../core/model.ts';
import type { Repos } from '../../core/ports.ts';
import { pooledRow } from '../../model/promotionGate.ts';
import { gateRefusal, judgePromotion, promoteVersion, rollbackChampion } from '../../model/registryService.ts';
import { defineCommand, type CommandContext } from '../command.ts';
import type { VersionSummary } from '../results.ts';
import { integerArg } from './args.ts';

/** A promotion request left undecided this long lapses: the figures it showed may no longer hold. */
export const PROMOTION_REQUEST_TTL_MS = 24 * 60 * 60 * 1000;

function summary(version: ModelVersionInfo | undefined): VersionSummary | null {
  if (!version) return null;
  return {
    version: version.version,
    createdAt: version.createdAt,
    trainFrom: version.trainFrom,
    trainTo: version.trainTo,
    skill: pooledRow(version.metrics),
    naive: pooledRow(version.metrics, 'naive'),
  };
}

export const modelStatusCommand = defineCommand({
  path: ['model', 'status'],
  summary: 'champion and challenger with their walk-forward skill, pending promotions, recent moves',
  params: [],
  schema: z.object({}),
  adminOnly: false,
  cost: null,
  examples: ['model status'],
  async run(_args, ctx) {
    const { store } = ctx.services;
    const versions = await store.models.list();
    const byAlias = (alias: 'champion' | 'challenger') => versions.find((v) => v.aliases.includes(alias));
    return {
      kind: 'modelStatus',
      champion: summary(byAlias('champion')),
      challenger: summary(byAlias('challenger')),
      versions: versions.length,
      pending: await store.promotions.pending(),
      recentMoves: (await store.models.history('champion')).slice(0, 5),
      jobs: (await ctx.services.jobs?.()) ?? [],
    };
  },
});

export const modelRetrainCommand = defineCommand({
  path: ['model', 'retrain'],
  summary: 'train a new version now (judged walk-forward, stored as challenger); takes a few minutes',
  params: [],
  schema: z.object({}),
  adminOnly: true,
  cost: 'retrain',
  examples: ['model retrain'],
  async run(_args, ctx) {
    const outcome = await ctx.services.retrain(ctx.actor.id, ctx.progress);
    return { kind: 'retrained', ...outcome };
  },
});

export const modelPromoteCommand = defineCommand({
  path: ['model', 'promote'],
  summary: 'ask to make a version champion: shows it against the champion and naive, and waits for a second admin',
  params: [{ name: 'version', display: 'VERSION', description: 'a version such as v12, or challenger', type: 'string', required: true }],
  schema: z.object({ version: z.string({ error: 'a version is required, e.g. v12 or challenger' }).regex(/^(v\d{1,9}|challenger)$/i, { error: (i) => `'${String(i.input)}' is not a version (v12) or challenger` }).transform((v) => v.toLowerCase()) }),
  adminOnly: true,
  cost: null,
  examples: ['model promote v12', 'model promote challenger'],
  async run({ version }, ctx) {
    const { store, gate } = ctx.services;
    const { candidate, champion, verdict } = await judgePromotion(store, version, gate);
    if (!verdict.passed) throw gateRefusal(candidate.version, verdict);
    const open = (await store.promotions.pending()).find((r) => r.version === candidate.version);
    if (open) throw new UserError('already_requested', `promotion of ${candidate.version} is already waiting as request ${open.id}; another admin can \`model approve ${open.id}\``);
    const request = await store.promotions.create({
      version: candidate.version,
      requestedBy: ctx.actor.id,
      comparison: {
        candidate: pooledRow(candidate.metrics),
        champion: pooledRow(champion?.metrics ?? null),
        naive: pooledRow(candidate.metrics, 'naive'),
        championVersion: champion?.version ?? null,
        gate: verdict,
      },
    });
    return { kind: 'promotionRequested', request };
  },
});

const requestParam = { name: 'request', display: 'REQUEST', description: 'the request id; may be left out when only one is pending', type: 'integer', required: false } as const;
const requestSchema = z.object({ request: integerArg(1, 2_147_483_647).optional() });

/** The pending request an approve or reject is about: the one named, or the only one there is. */
async function pendingRequest(repos: Repos, id: number | undefined, now: Date): Promise<PromotionRequest> {
  const pending = await repos.promotions.pending();
  if (id === undefined) {
    if (pending.length === 0) throw new UserError('no_pending_promotion', 'no promotion is waiting for approval');
    if (pending.length > 1) throw new UserError('ambiguous_promotion', `${pending.length} promotions are waiting (${pending.map((r) => `${r.id}: ${r.version}`).join(', ')}); name one`);
  }
  const request = id === undefined ? pending[0]! : pending.find((r) => r.id === id);
  if (!request) {
    const known = id === undefined ? null : await repos.promotions.find(id);
    throw new UserError('no_pending_promotion', known ? `request ${id} is already ${known.state}` : `there is no promotion request ${id}`);
  }
  if (now.getTime() - request.requestedAt.getTime() > PROMOTION_REQUEST_TTL_MS) {
    await repos.promotions.decide(request.id, 'expired', null);
    throw new UserError('promotion_expired', `request ${request.id} (${request.version}) was made more than 24 hours ago and has lapsed; ask again with \`model promote ${request.version}\``);
  }
  return request;
}

export const modelApproveCommand = defineCommand({
  path: ['model', 'approve'],
  summary: "approve another admin's promotion request; the version becomes champion if it still passes the gate",
  params: [requestParam],
  schema: requestSchema,
  adminOnly: true,
  cost: null,
  examples: ['model approve', 'model approve 3'],
  async run({ request: id }, ctx: CommandContext) {
    const { store, gate } = ctx.services;
    const request = await pendingRequest(store, id, ctx.services.now());
    if (request.requestedBy === ctx.actor.id) {
      throw new UserError('two_person_rule', `you asked for request ${request.id}; a different admin must approve it`);
    }
    // Decision and alias move commit together: an approval whose promotion fails (the gate, judged again against
    // today's champion) leaves the request pending and the champion where it was.
    return store.transaction(async (repos) => {
      const decided = await repos.promotions.decide(request.id, 'approved', ctx.actor.id);
      if (!decided) throw new UserError('no_pending_promotion', `request ${request.id} was decided by someone else a moment ago`);
      const { move } = await promoteVersion(repos, request.version, gate, ctx.actor.id, `request ${request.id} by ${request.requestedBy}, approved by ${ctx.actor.id}`);
      return { kind: 'promoted' as const, request: decided, move };
    });
  },
});

export const modelRejectCommand = defineCommand({
  path: ['model', 'reject'],
  summary: 'turn down (or withdraw) a pending promotion request',
  params: [requestParam],
  schema: requestSchema,
  adminOnly: true,
  cost: null,
  examples: ['model reject 3'],
  async run({ request: id }, ctx) {
    const request = await pendingRequest(ctx.services.store, id, ctx.services.now());
    const decided = await ctx.services.store.promotions.decide(request.id, 'rejected', ctx.actor.id);
    if (!decided) throw new UserError('no_pending_promotion', `request ${request.id} was decided by someone else a moment ago`);
    return { kind: 'promotionRejected', request: decided };
  },
});

export const modelRollbackCommand = defineCommand({
  path: ['model', 'rollback'],
  summary: 'put the champion back to the version before its last move, at once',
  params: [],
  schema: z.object({}),
  adminOnly: true,
  cost: null,
  examples: ['model rollback'],
  async run(_args, ctx) {
    return { kind: 'rolledBack', move: await rollbackChampion(ctx.services.store, ctx.actor.id) };
  },
});
