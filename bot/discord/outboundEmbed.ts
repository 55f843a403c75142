import type { APIEmbed } from 'discord.js';
import { describeCondition } from '../../alerts/ruleGrammar.ts';
import type { OutboundBody } from '../../core/outbox.ts';
import { reportHeadline, reportPdfHint, reportWatchlistTable } from '../../render/wording.ts';
import { field, fitEmbed } from './embedLimits.ts';
import { COLORS } from './colors.ts';

/** What tickcast posts on its own: a fired alert, a notice to admins, the daily report's summary. */
export function outboundEmbed(body: OutboundBody): APIEmbed {
  switch (body.kind) {
    case 'alert': {
      const { event } = body;
      return fitEmbed({
        title: `🔔 ${event.ticker}: alert #${event.ruleId}`,
        description: `${describeCondition(event.ticker, event.condition)}.\n${event.detail}`,
        fields: [field('As of', event.asOf, true), ...(event.value === null ? [] : [field('Value', String(Number(event.value.toPrecision(8))), true)])],
        color: COLORS.warning,
        timestamp: event.firedAt.toISOString(),
        footer: { text: `fires once per crossing · rule #${event.ruleId}` },
      });
    }
    case 'notice':
      return fitEmbed({
        title: body.title,
        description: body.text,
        color: body.severity === 'error' ? COLORS.error : body.severity === 'warning' ? COLORS.warning : COLORS.info,
      });
    case 'report': {
      const { report } = body;
      return fitEmbed({
        title: `📄 ${reportHeadline(report)}`,
        description: [...report.summary, '```', reportWatchlistTable(report), '```', reportPdfHint()].join('\n'),
        color: COLORS.info,
      });
    }
    default: {
      const unhandled: never = body;
      throw new Error(`no Discord embed for outbound body ${JSON.stringify(unhandled)}`);
    }
  }
}
