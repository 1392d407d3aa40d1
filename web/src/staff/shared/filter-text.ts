// A value in an AIP-160 filter the server reads (ListClients', ListAccessLog's): a quoted string,
// its quotes and backslashes escaped.
export function filterString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
