import { escapeMrkdwn } from './blockKit.ts';

/** An actor as Slack shows it: `slack:U123` becomes a mention; anyone else is named as is; no one is the system. */
export function mention(actorId: string | null): string {
  if (actorId === null) return 'the system';
  const slack = /^slack:([A-Z0-9]+)$/.exec(actorId);
  return slack ? `<@${slack[1]}>` : `\`${escapeMrkdwn(actorId)}\``;
}
