import type { JobStatus } from '../core/jobs.ts';
import type { AlertObservation, AlertRule } from '../core/alerts.ts';
import type { ChannelRef } from '../core/chat.ts';
import type { Forecast } from '../core/forecast.ts';
import type { PromotionRequest } from '../core/governance.ts';
import type { AliasMove, EvaluationRow } from '../core/model.ts';
import type { ReportInfo } from '../core/reports.ts';
import type { SubscriptionKind } from '../core/subscriptions.ts';

/**
 * What a command returns: data, never chat text. Every surface renders each kind its own way (bot/terminal as
 * text, bot/slack as Block Kit, bot/discord as an embed); the renderers switch over `kind` exhaustively.
 */

export interface ClosePoint {
  date: string;
  close: number;
}

/** A model version as `model status` shows it: its pooled one-session walk-forward row beside naive's. */
export interface VersionSummary {
  version: string;
  createdAt: Date;
  trainFrom: Date;
  trainTo: Date;
  skill: EvaluationRow | null;
  naive: EvaluationRow | null;
}

export interface HelpEntry {
  usage: string;
  summary: string;
  adminOnly: boolean;
  examples: string[];
}

export type CommandResult =
  | { kind: 'forecast'; forecast: Forecast; history: ClosePoint[] }
  | {
      kind: 'price';
      ticker: string;
      asOf: string;
      close: number;
      /** Relative changes, e.g. 0.012 for +1.2%; null where history is too short. */
      change1d: number | null;
      change5d: number | null;
      high52w: number;
      low52w: number;
      /** Why the quality gate holds the series back, when it does. */
      qualityNote: string | null;
      history: ClosePoint[];
    }
  | { kind: 'alertCreated'; rule: AlertRule; observation: AlertObservation | null }
  | { kind: 'alertList'; channel: ChannelRef; rules: AlertRule[] }
  | { kind: 'alertRemoved'; rule: AlertRule }
  | {
      kind: 'report';
      report: ReportInfo | null;
      /** The PDF to upload, when there is one. */
      file: { name: string; bytes: Uint8Array } | null;
      /** Why there is no file. */
      reason: string | null;
    }
  | {
      kind: 'subscription';
      outcome: 'subscribed' | 'already_subscribed' | 'unsubscribed' | 'not_subscribed';
      target: { kind: SubscriptionKind; target: string };
      tickers: string[] | null;
    }
  | {
      kind: 'modelStatus';
      champion: VersionSummary | null;
      challenger: VersionSummary | null;
      versions: number;
      pending: PromotionRequest[];
      recentMoves: AliasMove[];
      /** The scheduled jobs (retrain, forecast, …) with their next and last runs; empty where no scheduler is wired. */
      jobs: JobStatus[];
    }
  | { kind: 'promotionRequested'; request: PromotionRequest }
  | { kind: 'promoted'; request: PromotionRequest; move: AliasMove }
  /** A pending promotion turned down (by an admin, or withdrawn by its requester). */
  | { kind: 'promotionRejected'; request: PromotionRequest }
  | { kind: 'rolledBack'; move: AliasMove }
  | { kind: 'retrained'; version: string; becameChampion: boolean; seconds: number; skill: EvaluationRow | null; naive: EvaluationRow | null }
  | { kind: 'help'; topic: string | null; commands: HelpEntry[] }
  /** A refusal or failure, already worded for people; `reference` ties an unexpected failure to the logs. */
  | { kind: 'error'; code: string; message: string; reference: string | null };

export type ResultKind = CommandResult['kind'];
export type ResultOf<K extends ResultKind> = Extract<CommandResult, { kind: K }>;
