import { z } from 'zod';
import type { Invocation } from '../command.ts';
import { commandCallOf, discordActor, type CommandCall, type InteractionOption } from './commandCall.ts';

/**
 * The parts of an interaction payload tickcast reads, validated at the edge. Everything else Discord sends is
 * ignored (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object).
 */
const optionSchema: z.ZodType<InteractionOption> = z.lazy(() =>
  z.object({
    name: z.string().min(1).max(32),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    options: z.array(optionSchema).max(25).optional(),
  }),
);

const userSchema = z.object({ id: z.string().regex(/^\d+$/), username: z.string() });

export const interactionEnvelope = z.object({ type: z.number().int(), id: z.string().min(1) });

export const commandInteractionSchema = z
  .object({
    type: z.literal(2),
    id: z.string().regex(/^\d+$/),
    application_id: z.string().regex(/^\d+$/),
    token: z.string().min(1).max(1000),
    data: z.object({ name: z.string().min(1).max(32), type: z.number().int().optional(), options: z.array(optionSchema).max(25).optional() }),
    member: z.object({ user: userSchema, roles: z.array(z.string().regex(/^\d+$/)) }).optional(),
    user: userSchema.optional(),
    channel_id: z.string().regex(/^\d+$/).optional(),
    channel: z.object({ id: z.string().regex(/^\d+$/) }).optional(),
  })
  .refine((i) => i.member ?? i.user, { message: 'interaction has neither member nor user' })
  .refine((i) => i.channel_id ?? i.channel, { message: 'interaction has no channel' });

export type CommandInteractionPayload = z.infer<typeof commandInteractionSchema>;

export interface CommandRequest {
  call: CommandCall;
  invocation: Invocation;
}

/** The bot call an application-command interaction asks for, and who asks from where. */
export function commandRequestOf(payload: CommandInteractionPayload): CommandRequest {
  const user = payload.member?.user ?? payload.user;
  const channelId = payload.channel_id ?? payload.channel?.id;
  if (!user || !channelId) throw new Error('unreachable: the schema requires a user and a channel');
  return {
    call: commandCallOf(payload.data.name, payload.data.options),
    invocation: {
      actor: discordActor(user, payload.member?.roles ?? []),
      channel: { surface: 'discord', channelId },
      requestId: payload.id,
    },
  };
}
