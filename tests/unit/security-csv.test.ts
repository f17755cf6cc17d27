import { describe, expect, it } from 'vitest'
import { neutraliseCell, toCsv } from '../../api/security/csv.ts'

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+39 011 123', `'+39 011 123`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('neutralises %j', (input, output) => {
    expect(neutraliseCell(input)).toBe(output)
  })

  it.each([
    ['Casa del quartiere', 'Casa del quartiere'],
    ['a=b', 'a=b'],
    [-3, '-3'],
    [45.07, '45.07'],
    [null, ''],
    [undefined, ''],
  ])('leaves %j as it is', (input, output) => {
    expect(neutraliseCell(input)).toBe(output)
  })

  it('quotes per RFC 4180 after neutralising', () => {
    const csv = toCsv(
      ['name', 'note'],
      [
        ['Bar "Sport"', 'uno, due'],
        ['=1+1', 'riga\nnuova'],
      ],
    )
    expect(csv).toBe('name,note\r\n"Bar ""Sport""","uno, due"\r\n\'=1+1,"riga\nnuova"\r\n')
  })
})
