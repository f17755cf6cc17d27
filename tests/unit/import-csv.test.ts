// The CSV reader of imports (api/import/csv.ts): RFC 4180 cells, line numbers, chunking, refusals.
import { describe, expect, it } from 'vitest'
import {
  CsvReader,
  CsvSyntaxError,
  MAX_RECORD_CHARS,
  type CsvRecord,
} from '../../api/import/csv.ts'

/** Reads `text` given in chunks of `size` characters (all at once without one). */
function read(text: string, delimiter = ',', size?: number): CsvRecord[] {
  const reader = new CsvReader(delimiter)
  const out: CsvRecord[] = []
  const step = size ?? (text.length || 1)
  for (let i = 0; i < text.length; i += step) out.push(...reader.push(text.slice(i, i + step)))
  out.push(...reader.end())
  return out
}

const cells = (records: CsvRecord[]) => records.filter((r) => !r.empty).map((r) => r.cells)

function refusal(text: string, size?: number): CsvSyntaxError {
  try {
    read(text, ',', size)
  } catch (err) {
    if (err instanceof CsvSyntaxError) return err
    throw err
  }
  throw new Error('not refused')
}

describe('CsvReader', () => {
  it('reads cells and records, whatever ends the lines', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(cells(read(`a,b,c${eol}1,,3${eol}x${eol}`))).toEqual([
        ['a', 'b', 'c'],
        ['1', '', '3'],
        ['x'],
      ])
    }
    expect(cells(read('a,b\n1,2'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
  })

  it('takes delimiters, line breaks and doubled quotes inside quoted cells', () => {
    const text = 'id,note\n1,"a, b"\n2,"due\r\nrighe"\n3,"un ""virgolettato"""\n4,""\n'
    expect(cells(read(text))).toEqual([
      ['id', 'note'],
      ['1', 'a, b'],
      ['2', 'due\r\nrighe'],
      ['3', 'un "virgolettato"'],
      ['4', ''],
    ])
  })

  it('numbers each record with the line it starts on, counting quoted line breaks', () => {
    const text = 'h\n"a\nb\r\nc"\n\nd\r\n""\n"e\rf",g\nh'
    const records = read(text)
    expect(records.map((r) => [r.line, r.empty])).toEqual([
      [1, false],
      [2, false],
      [5, true],
      [6, false],
      [7, false],
      [8, false],
      [10, false],
    ])
  })

  it('reads the same in chunks of any size, split anywhere', () => {
    const text =
      '\uFEFFid;nome;nota\r\n1;"Caffè; bar";"riga\r\nsuccessiva"\r\n\r\n2;日本語 😀;"""q"""\r\n3;;x'
    const whole = read(text, ';')
    expect(whole[0]!.cells).toEqual(['id', 'nome', 'nota'])
    for (const size of [1, 2, 3, 5, 7, 16]) expect(read(text, ';', size)).toEqual(whole)
  })

  it('reads tabs as delimiters, and quotes as text only where they open a cell', () => {
    expect(cells(read('a\tb\n"x\ty"\tz', '\t'))).toEqual([
      ['a', 'b'],
      ['x\ty', 'z'],
    ])
  })

  it('refuses what is not CSV, with the line', () => {
    expect(refusal('a,b\n1,=HYPERLINK("x")\n')).toMatchObject({ line: 2 })
    expect(refusal('a,b\n1,=HYPERLINK("x")\n').message).toMatch(/quote inside cell 2/)
    expect(refusal('a\n"x"y\n')).toMatchObject({ line: 2 })
    expect(refusal('a\n"x" ,y\n').message).toMatch(/after the closing quote/)
    expect(refusal('a\n\n"open\nand never closed')).toMatchObject({ line: 3 })
    for (const size of [1, 4]) expect(refusal('a\n"x"y\n', size)).toMatchObject({ line: 2 })
  })

  it('refuses a record longer than the limit (a quote left open) without reading on', () => {
    const text = 'a\n"' + 'x'.repeat(MAX_RECORD_CHARS + 10)
    expect(refusal(text, 64 * 1024).message).toMatch(/quote left open/)
  })
})
