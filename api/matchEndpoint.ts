import type { ApiEndpoint } from './apiEndpoint.ts';

/** The endpoint whose pattern the path fits, with its `:name` segments (non-empty, still percent-encoded). */
export function matchEndpoint(endpoints: readonly ApiEndpoint[], pathname: string): { endpoint: ApiEndpoint; params: Record<string, string> } | null {
  const segments = pathname.split('/');
  for (const endpoint of endpoints) {
    const pattern = endpoint.pattern.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((part, i) => {
      const segment = segments[i]!;
      if (!part.startsWith(':')) return part === segment;
      params[part.slice(1)] = segment;
      return segment !== '';
    });
    if (fits) return { endpoint, params };
  }
  return null;
}
