import { and, desc, eq, getTableColumns, inArray, isNull, notExists, sql, type SQL } from 'drizzle-orm';
import { alias as aliasOf } from 'drizzle-orm/pg-core';
import { OperationalError, UserError } from '../../core/errors.ts';
import {
  ALIASES, type Alias, type AliasMove, type ModelBundle, type ModelRegistry, type ModelVersionInfo, type StoredModel,
} from '../../core/model.ts';
import { rowsOf, type Db } from '../database.ts';
import { modelAliases, modelAliasHistory, modelVersions } from '../schema/index.ts';

/** Any constant: the transaction lock that makes two saves pick different version numbers. */
const VERSION_NAME_LOCK = 7_310_420_612;
const VERSION_NAME = /^v\d+$/;
const ROLLBACK_REASON = 'rollback';

const { weights: _weights, ...infoColumns } = getTableColumns(modelVersions);
/** A version's columns without its weights, and their length instead: listing never reads the bytes. */
const summaryColumns = { ...infoColumns, weightBytes: sql<number>`octet_length(${modelVersions.weights})`.mapWith(Number) };

type SummaryRow = Omit<typeof modelVersions.$inferSelect, 'weights'> & { weightBytes: number };

/**
 * The model registry: versions named `v1`, `v2`, … in order of saving, and aliases whose every move is kept.
 *
 * Rollback pops a stack. Each move of an alias is pushed on it; a rollback points the alias back where the
 * newest move still in force took it from, and records which move it undid (`undoes_id`). A second rollback
 * therefore walks one step further back down the chain of promotions instead of flipping between two
 * versions, and a rollback past the first promotion finds nothing and changes nothing.
 *
 * Writes that touch several rows run in `db.transaction`, which is a savepoint when `db` is already a
 * transaction (the store's unit of work), so the repository works the same inside and outside one.
 */
export function createModelRegistryRepo(db: Db): ModelRegistry {
  async function save(bundle: ModelBundle, by: string | null): Promise<ModelVersionInfo> {
    const { weights, reference, ...rest } = bundle;
    const row = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${VERSION_NAME_LOCK})`);
      const version = `v${await nextVersionNumber(tx)}`;
      const [inserted] = await tx
        .insert(modelVersions)
        .values({ ...rest, version, inputReference: reference, weights, createdBy: by })
        .returning(summaryColumns);
      return inserted!;
    });
    return toInfo(row, []);
  }

  async function list(): Promise<ModelVersionInfo[]> {
    const rows = await db.select(summaryColumns).from(modelVersions).orderBy(desc(modelVersions.id));
    const aliases = await aliasesByVersion(db);
    return rows.map((row) => toInfo(row, aliases.get(row.id) ?? []));
  }

  async function find(ref: string): Promise<StoredModel | null> {
    const where = refCondition(db, ref);
    if (!where) return null;
    const [row] = await db.select({ ...summaryColumns, weights: modelVersions.weights }).from(modelVersions).where(where);
    if (!row) return null;
    const aliases = await aliasesByVersion(db);
    return { ...toInfo(row, aliases.get(row.id) ?? []), weights: plainBytes(row.weights) };
  }

  async function moveAlias(alias: Alias, version: string, reason: string, by: string | null): Promise<AliasMove> {
    return db.transaction(async (tx) => {
      const target = await resolveVersion(tx, version);
      if (!target) throw new UserError('unknown_model_version', `unknown model version ${version}`);
      if (target.retired) throw new UserError('model_retired', `${target.version} was retired by the registry retention (its weights are gone); train a new version instead`);
      const current = await lockOrCreateAlias(tx, alias, target.id, by);
      if (current) {
        if (current.versionId === target.id) throw new UserError('alias_unchanged', `${alias} already points at ${target.version}`);
        await pointAlias(tx, alias, target.id, by);
      }
      const at = await recordMove(tx, { alias, fromVersionId: current?.versionId ?? null, toVersionId: target.id, reason, by, undoesId: null });
      return { alias, fromVersion: current?.version ?? null, toVersion: target.version, reason, at, by };
    });
  }

  async function rollback(alias: Alias, by: string | null): Promise<AliasMove | null> {
    return db.transaction(async (tx) => {
      const current = await lockAlias(tx, alias);
      if (!current) return null;
      const move = await newestMoveInForce(tx, alias);
      if (!move) return null;
      if (move.toVersionId !== current.versionId) {
        throw new OperationalError('alias_history_inconsistent', `${alias} points at ${current.version} but its last move took it to another version`);
      }
      if (move.fromVersionId === null || move.fromVersion === null) return null;
      await pointAlias(tx, alias, move.fromVersionId, by);
      const at = await recordMove(tx, {
        alias, fromVersionId: current.versionId, toVersionId: move.fromVersionId, reason: ROLLBACK_REASON, by, undoesId: move.id,
      });
      return { alias, fromVersion: current.version, toVersion: move.fromVersion, reason: ROLLBACK_REASON, at, by };
    });
  }

  async function history(alias?: Alias): Promise<AliasMove[]> {
    const fromVersion = aliasOf(modelVersions, 'from_version');
    const toVersion = aliasOf(modelVersions, 'to_version');
    const rows = await db
      .select({
        alias: modelAliasHistory.alias, fromVersion: fromVersion.version, toVersion: toVersion.version,
        reason: modelAliasHistory.reason, at: modelAliasHistory.at, by: modelAliasHistory.by,
      })
      .from(modelAliasHistory)
      .leftJoin(fromVersion, eq(fromVersion.id, modelAliasHistory.fromVersionId))
      .innerJoin(toVersion, eq(toVersion.id, modelAliasHistory.toVersionId))
      .where(alias ? eq(modelAliasHistory.alias, alias) : undefined)
      .orderBy(desc(modelAliasHistory.id));
    return rows.map((row) => ({ ...row, alias: row.alias as Alias }));
  }

  async function retire(keep: number): Promise<string[]> {
    return db.transaction(async (tx) => {
      // The alias moves in force (not undone) are the rollback stack; every version they name stays loadable.
      const rows = rowsOf<{ version: string }>(
        await tx.execute(sql`
          update model_versions set weights = ''::bytea, retired_at = now()
          where retired_at is null
            and id not in (select id from model_versions order by id desc limit ${keep})
            and id not in (select version_id from model_aliases)
            and id not in (
              select v from model_alias_history h, unnest(array[h.from_version_id, h.to_version_id]) v
              where v is not null and h.undoes_id is null and not exists (select 1 from model_alias_history u where u.undoes_id = h.id)
            )
          returning version`),
      );
      return rows.map((row) => row.version).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    });
  }

  return { save, list, find, resolve: async (ref: string) => {
    const found = await resolveVersion(db, ref);
    return found && { id: found.id, version: found.version };
  }, moveAlias, rollback, history, retire };
}

async function nextVersionNumber(tx: Pick<Db, 'execute'>): Promise<number> {
  const [row] = rowsOf<{ next: number }>(
    await tx.execute(sql`select coalesce(max(substring(version from 2)::int), 0)::int + 1 as next from model_versions where version ~ '^v[0-9]+$'`),
  );
  return Number(row!.next);
}

/** The condition selecting a version by name (`v3`) or by the alias pointing at it; null for any other shape. */
function refCondition(db: Db, ref: string): SQL | null {
  if (VERSION_NAME.test(ref)) return eq(modelVersions.version, ref);
  if ((ALIASES as readonly string[]).includes(ref)) {
    return inArray(modelVersions.id, db.select({ id: modelAliases.versionId }).from(modelAliases).where(eq(modelAliases.alias, ref)));
  }
  return null;
}

async function resolveVersion(db: Db, ref: string): Promise<{ id: number; version: string; retired: boolean } | null> {
  const where = refCondition(db, ref);
  if (!where) return null;
  const [row] = await db.select({ id: modelVersions.id, version: modelVersions.version, retiredAt: modelVersions.retiredAt }).from(modelVersions).where(where);
  return row ? { id: row.id, version: row.version, retired: row.retiredAt !== null } : null;
}

async function aliasesByVersion(db: Db): Promise<Map<number, Alias[]>> {
  const rows = await db.select().from(modelAliases).orderBy(modelAliases.alias);
  const byVersion = new Map<number, Alias[]>();
  for (const row of rows) byVersion.set(row.versionId, [...(byVersion.get(row.versionId) ?? []), row.alias as Alias]);
  return byVersion;
}

interface AliasState {
  versionId: number;
  version: string;
}

/**
 * The alias row, locked until the transaction ends, so moves and rollbacks of one alias run one after another.
 * The version name comes from a subquery, not a join: when the lock waited on a concurrent move, PostgreSQL
 * rechecks a join against the old version row and would drop the alias row instead of returning its new state.
 */
async function lockAlias(tx: Db, alias: Alias): Promise<AliasState | null> {
  const [row] = await tx
    .select({
      versionId: modelAliases.versionId,
      version: sql<string>`(select ${modelVersions.version} from ${modelVersions} where ${modelVersions.id} = ${modelAliases.versionId})`,
    })
    .from(modelAliases)
    .where(eq(modelAliases.alias, alias))
    .for('update');
  return row ?? null;
}

/**
 * The alias's state before this move, locked; null when the alias is new and this call created it pointing
 * at `versionId`. A first move racing another first move waits for it and then moves from where it left off.
 */
async function lockOrCreateAlias(tx: Db, alias: Alias, versionId: number, by: string | null): Promise<AliasState | null> {
  const current = await lockAlias(tx, alias);
  if (current) return current;
  const created = await tx.insert(modelAliases).values({ alias, versionId, updatedBy: by }).onConflictDoNothing().returning({ alias: modelAliases.alias });
  if (created.length > 0) return null;
  return lockAlias(tx, alias);
}

async function pointAlias(tx: Db, alias: Alias, versionId: number, by: string | null): Promise<void> {
  await tx.update(modelAliases).set({ versionId, updatedAt: sql`now()`, updatedBy: by }).where(eq(modelAliases.alias, alias));
}

async function recordMove(tx: Db, move: typeof modelAliasHistory.$inferInsert): Promise<Date> {
  const [row] = await tx.insert(modelAliasHistory).values(move).returning({ at: modelAliasHistory.at });
  return row!.at;
}

/** The newest move of the alias that is not itself a rollback and has not been undone by one. */
async function newestMoveInForce(tx: Db, alias: Alias) {
  const undo = aliasOf(modelAliasHistory, 'undo');
  const fromVersion = aliasOf(modelVersions, 'from_version');
  const [row] = await tx
    .select({
      id: modelAliasHistory.id, fromVersionId: modelAliasHistory.fromVersionId, toVersionId: modelAliasHistory.toVersionId,
      fromVersion: fromVersion.version,
    })
    .from(modelAliasHistory)
    .leftJoin(fromVersion, eq(fromVersion.id, modelAliasHistory.fromVersionId))
    .where(
      and(
        eq(modelAliasHistory.alias, alias),
        isNull(modelAliasHistory.undoesId),
        notExists(tx.select({ one: sql`1` }).from(undo).where(eq(undo.undoesId, modelAliasHistory.id))),
      ),
    )
    .orderBy(desc(modelAliasHistory.id))
    .limit(1);
  return row ?? null;
}

/** postgres.js returns bytea as a Buffer, PGlite as a Uint8Array: callers get a plain Uint8Array either way. */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function toInfo(row: SummaryRow, aliases: Alias[]): ModelVersionInfo {
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    retiredAt: row.retiredAt,
    aliases,
    weightBytes: row.weightBytes,
    featureList: row.featureList,
    scaler: row.scaler,
    params: row.params,
    trainFrom: row.trainFrom,
    trainTo: row.trainTo,
    dataSnapshot: row.dataSnapshot,
    metrics: row.metrics,
    reference: row.inputReference,
    backend: row.backend,
    codeVersion: row.codeVersion,
  };
}
