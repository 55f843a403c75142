import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../bot/slack/slackSurface.ts';
import { SLASH_COMMANDS } from '../../../bot/slack/slashCommands.ts';

interface Manifest {
  display_information: { name: string; description: string; long_description?: string };
  features: { bot_user: { display_name: string }; slash_commands: { command: string; url: string; description: string; usage_hint?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = JSON.parse(fs.readFileSync(new URL('../../../bot/slack/manifest.json', import.meta.url), 'utf8')) as Manifest;

describe('Slack app manifest', () => {
  it('declares exactly the slash commands the surface handles, pointing at the receiver', () => {
    const declared = manifest.features.slash_commands;
    expect(declared.map((c) => c.command)).toEqual(SLASH_COMMANDS.map((c) => `/${c.name}`));
    for (const spec of SLASH_COMMANDS) {
      const entry = declared.find((c) => c.command === `/${spec.name}`)!;
      expect(entry.description).toBe(spec.description);
      expect(entry.usage_hint).toBe(spec.usageHint);
      expect(new URL(entry.url).pathname).toBe(SLACK_EVENTS_PATH);
    }
  });

  it('asks for the scopes the surface and the outbox use', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'files:write', 'channels:history', 'groups:history']));
  });

  it('keeps interactivity and Socket Mode off by default, within Slack limits', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(false);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description ?? '';
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    for (const command of manifest.features.slash_commands) expect(command.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
  });
});
