/** Who receives the daily report: email addresses and chat channels. */
export const SUBSCRIPTION_KINDS = ['email', 'slack', 'discord'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

export interface Subscription {
  id: number;
  kind: SubscriptionKind;
  /** An email address, or a channel id on the chat surface. */
  target: string;
  /** Null: the whole watchlist. */
  tickers: string[] | null;
  active: boolean;
  createdBy: string | null;
  createdAt: Date;
}

export interface SubscriptionRepo {
  /** Adds (or re-activates, updating tickers) a subscription; `created` is false when it already existed and was active. */
  add(subscription: { kind: SubscriptionKind; target: string; tickers: string[] | null; createdBy: string | null }): Promise<{ subscription: Subscription; created: boolean }>;
  /** False when there was no active subscription to remove. */
  remove(kind: SubscriptionKind, target: string): Promise<boolean>;
  list(query?: { kind?: SubscriptionKind; includeInactive?: boolean }): Promise<Subscription[]>;
}
