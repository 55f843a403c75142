/** Embed colours by what the message means: the one part of Discord's wording that is not words. */
export const COLORS = {
  info: 0x1d4ed8,
  ok: 0x16a34a,
  warning: 0xd97706,
  error: 0xdc2626,
  neutral: 0x475569,
} as const;
