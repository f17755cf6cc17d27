// CSV (RFC 4180) for exports, safe to open in a spreadsheet: a cell starting with =, +, -, @,
// a tab or a carriage return would run as a formula (CSV injection, OWASP), so it gets a
// leading apostrophe, which spreadsheets show as text.
const FORMULA_START = /^[=+\-@\t\r]/

export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = value instanceof Date ? value.toISOString() : String(value)
  // Numbers are data, not formulas: -3 stays -3.
  if (typeof value === 'number' || typeof value === 'bigint') return text
  return FORMULA_START.test(text) ? `'${text}` : text
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header, ...rows].map((r) => r.map((v) => quote(neutraliseCell(v))).join(','))
  return lines.join('\r\n') + '\r\n'
}
