/**
 * A value as JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` become `\u` escapes, so
 * a chart title containing `</script>` cannot end the element early. `JSON.parse` reads the escapes back.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
