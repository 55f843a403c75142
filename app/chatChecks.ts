import type { Config } from './config.ts';
import type { DoctorCheck } from './doctor.ts';

/** Whether the chat surfaces' settings fit together; nothing is contacted. */
export function chatChecks(config: Config): DoctorCheck[] {
  const { slack, discord } = config;
  const checks: DoctorCheck[] = [];
  if (!slack.botToken) {
    checks.push({ name: 'slack', status: slack.signingSecret || slack.appToken ? 'warn' : 'ok', detail: 'off (SLACK_BOT_TOKEN is not set)' });
  } else if (slack.appToken) {
    checks.push({ name: 'slack', status: 'ok', detail: 'Socket Mode (SLACK_APP_TOKEN)' });
  } else if (slack.signingSecret) {
    checks.push({ name: 'slack', status: 'ok', detail: 'slash commands at /slack/events' });
  } else {
    checks.push({ name: 'slack', status: 'fail', detail: 'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (to verify /slack/events) nor SLACK_APP_TOKEN (Socket Mode)' });
  }
  if (discord.publicKey && !discord.appId) {
    checks.push({ name: 'discord', status: 'fail', detail: 'DISCORD_PUBLIC_KEY is set without DISCORD_APP_ID, which answers to interactions need' });
  } else if (discord.publicKey) {
    checks.push(discord.token
      ? { name: 'discord', status: 'ok', detail: 'interactions at /discord/interactions; alerts posted with the bot token' }
      : { name: 'discord', status: 'warn', detail: 'interactions at /discord/interactions, but without DISCORD_TOKEN alerts cannot be posted' });
  } else if (discord.token) {
    checks.push({ name: 'discord', status: 'ok', detail: 'gateway connection (no DISCORD_PUBLIC_KEY)' });
  } else {
    checks.push({ name: 'discord', status: 'ok', detail: 'off (set DISCORD_APP_ID with DISCORD_PUBLIC_KEY, or DISCORD_TOKEN)' });
  }
  const surfacesOn = Boolean(slack.botToken || discord.publicKey || discord.token);
  checks.push(
    config.admins.length > 0
      ? { name: 'admins', status: 'ok', detail: `${config.admins.length} in TICKCAST_ADMINS` }
      : { name: 'admins', status: surfacesOn ? 'warn' : 'ok', detail: 'none in TICKCAST_ADMINS (`tickcast admins list` also shows those in the database)' },
  );
  return checks;
}
