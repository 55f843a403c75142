import type { Command } from 'commander';
import { API_SCOPES, issueApiToken, parseApiTokenRef, type ApiToken } from '../../core/apiTokens.ts';
import { day } from '../../render/wording.ts';
import type { CommandContext } from '../context.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { terminalActorId } from '../terminalActor.ts';

const NOT_SHOWN_AGAIN = 'Copy it now: it is not shown again (only its hash is stored).';

function tokenJson(t: ApiToken) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/**
 * `tickcast token create|list|revoke`: bearer tokens for the REST API (docs/api.md). A token is printed once, when it
 * is made; changes are audited like chat actions.
 */
export function registerToken(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  const token = program.command('token').description('bearer tokens for the REST API under /api');

  token
    .command('create')
    .description('make a token; it is printed once and never again')
    .argument('<name>', 'who or what uses it, e.g. grafana')
    .option('--scopes <list>', `comma-separated: ${API_SCOPES.join(', ')}`, 'read')
    .action(async (name: string, flags: { scopes: string }) => {
      const actor = terminalActorId();
      const { token: secret, record } = await ctx.withApp((app) =>
        app.store.transaction(async (repos) => {
          const issued = await issueApiToken(repos.apiTokens, { name, scopes: flags.scopes.split(','), createdBy: actor });
          const { id, name: stored, scopes } = issued.record;
          await repos.audit.record({ actor, action: 'token.create', target: issued.record.prefix, outcome: 'ok', detail: { surface: 'cli', id, name: stored, scopes } });
          return issued;
        }),
      );
      emit({ token: secret, ...tokenJson(record), warning: NOT_SHOWN_AGAIN }, output(), () =>
        [`Token ${record.id} '${record.name}' (${record.prefix}…, scopes ${record.scopes.join(', ')}):`, '', `  ${secret}`, '', NOT_SHOWN_AGAIN, 'Send it as `Authorization: Bearer <token>`.'].join('\n'),
      );
    });

  token
    .command('list')
    .description('every token, revoked ones too; never the tokens themselves')
    .action(async () => {
      const tokens = await ctx.withApp((app) => app.store.apiTokens.list());
      emit({ tokens: tokens.map(tokenJson) }, output(), () =>
        tokens.length === 0
          ? 'No API tokens yet: `tickcast token create NAME` makes one.'
          : table(
              ['id', 'name', 'prefix', 'scopes', 'created', 'by', 'last used', 'state'],
              tokens.map((t) => [t.id, t.name, t.prefix, t.scopes.join(','), day(t.createdAt), t.createdBy, t.lastUsedAt ? day(t.lastUsedAt) : null, t.revokedAt ? `revoked ${day(t.revokedAt)}` : 'live']),
            ),
      );
    });

  token
    .command('revoke')
    .description('stop a token working, at once')
    .argument('<token>', 'its id or its prefix (tc_…), as `tickcast token list` shows them')
    .action(async (raw: string) => {
      const ref = parseApiTokenRef(raw);
      const actor = terminalActorId();
      const revoked = await ctx.withApp((app) =>
        app.store.transaction(async (repos) => {
          const done = await repos.apiTokens.revoke(ref);
          await repos.audit.record({ actor, action: 'token.revoke', target: done.prefix, outcome: 'ok', detail: { surface: 'cli', id: done.id, name: done.name } });
          return done;
        }),
      );
      emit({ revoked: tokenJson(revoked) }, output(), () => `Token ${revoked.id} '${revoked.name}' (${revoked.prefix}…) is revoked; it no longer works.`);
    });
}
