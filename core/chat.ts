/**
 * The chat vocabulary shared by every surface: where a message comes from and goes to, and who sent it.
 * Surfaces (bot/slack, bot/discord, bot/terminal) translate their platform's ids into these.
 */
export const SURFACES = ['slack', 'discord', 'terminal'] as const;
export type Surface = (typeof SURFACES)[number];

/** A channel on a surface: alerts are posted back to the channel their rule was created in. */
export interface ChannelRef {
  surface: Surface;
  channelId: string;
}

/**
 * A person as the surfaces name them: `slack:U123`, `discord:user:456`, `terminal:ana`. `roles` holds the
 * platform roles that may make someone an admin (`discord:role:789`).
 */
export interface Actor {
  id: string;
  name: string | null;
  roles: readonly string[];
}

export function sameChannel(a: ChannelRef, b: ChannelRef): boolean {
  return a.surface === b.surface && a.channelId === b.channelId;
}
