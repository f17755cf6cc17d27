// A strict CSV reader (RFC 4180) for imports, fed text in chunks. Written here rather than taken
// from npm: csv-parse, strict and well kept, was a third of an import's JavaScript time (its
// per-character state machine and per-cell buffers; tests/bench/import-csv.ts); the fast readers
// (papaparse, udsv) accept what is not CSV — a quote in the middle of an unquoted cell — which an
// import must refuse rather than guess at. This one scans with indexOf and sticky regular
// expressions, and slices cells out of the text.
// What it accepts: cells separated by one delimiter character; records ended by \r\n, \n or \r;
// a cell in double quotes may hold delimiters, line breaks and doubled quotes (""). Refused,
// with the line: a quote inside an unquoted cell, anything but a delimiter or a line break after
// a closing quote, a quoted cell still open at the end of the file.
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message)
  }
}

export interface CsvRecord {
  /** The line the record starts on (the first line is 1). */
  line: number
  cells: string[]
  /** An empty line: no cell, no quote. */
  empty: boolean
}

export class CsvReader {
  private text = ''
  /** Line of the first character of `text`. */
  private line = 1
  private started = false
  private readonly unquoted: RegExp

  constructor(private readonly delimiter: string) {
    if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
      throw new Error('the delimiter must be one character other than a quote or a line break')
    }
    const d = delimiter.replace(/[\\^\]-]/g, '\\$&')
    this.unquoted = new RegExp(`[^${d}"\\r\\n]*`, 'y')
  }

  /** The records completed by this chunk (an unfinished one waits for the next). */
  push(chunk: string): CsvRecord[] {
    if (!this.started) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    this.text = this.text ? this.text + chunk : chunk
    return this.read(false)
  }

  /** The last records, at the end of the input. */
  end(): CsvRecord[] {
    return this.read(true)
  }

  private read(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = []
    const text = this.text
    const n = text.length
    const delimiter = this.delimiter
    let pos = 0
    let line = this.line
    // Where the record being read starts; an unfinished one is read again with the next chunk.
    let recordStart = 0
    let recordLine = line
    let unfinished = false
    records: while (pos < n) {
      recordStart = pos
      recordLine = line
      const cells: string[] = []
      for (;;) {
        // One cell, from pos.
        if (text.charCodeAt(pos) === 34 /* " */) {
          let value = ''
          let from = pos + 1
          for (;;) {
            const q = text.indexOf('"', from)
            if (q < 0 || (q + 1 >= n && !final)) {
              // Not closed yet, or closed at the very end (a doubled quote may follow).
              if (final) throw new CsvSyntaxError(recordLine, 'a quoted cell is not closed')
              unfinished = true
              break records
            }
            if (text.charCodeAt(q + 1) === 34) {
              value += text.slice(from, q + 1)
              from = q + 2
              continue
            }
            value += text.slice(from, q)
            line += countBreaks(text, pos + 1, q)
            pos = q + 1
            break
          }
          cells.push(value)
          if (pos < n && text[pos] !== delimiter && !isBreak(text.charCodeAt(pos))) {
            throw new CsvSyntaxError(
              line,
              `after the closing quote of cell ${cells.length}, "${text[pos]}" is neither a ` +
                'delimiter nor a line break',
            )
          }
        } else {
          this.unquoted.lastIndex = pos
          this.unquoted.test(text)
          const end = this.unquoted.lastIndex
          if (end < n && text.charCodeAt(end) === 34) {
            throw new CsvSyntaxError(
              line,
              `a quote inside cell ${cells.length + 1}, which does not start with one: ` +
                'quote the whole cell, and double the quotes inside it',
            )
          }
          if (end >= n && !final) {
            unfinished = true
            break records
          }
          cells.push(text.slice(pos, end))
          pos = end
        }
        // After a cell: a delimiter, a line break, or the end of the input.
        if (pos >= n) {
          if (!final) {
            unfinished = true
            break records
          }
          break
        }
        const c = text.charCodeAt(pos)
        if (c === 13 /* \r */) {
          if (pos + 1 >= n && !final) {
            unfinished = true // a \r\n split between two chunks
            break records
          }
          pos += text.charCodeAt(pos + 1) === 10 ? 2 : 1
          line++
          break
        }
        if (c === 10 /* \n */) {
          pos++
          line++
          break
        }
        pos++ // the delimiter
      }
      out.push({
        line: recordLine,
        cells,
        empty: cells.length === 1 && cells[0] === '' && text.charCodeAt(recordStart) !== 34,
      })
    }
    if (unfinished) {
      if (n - recordStart > MAX_RECORD_CHARS) {
        throw new CsvSyntaxError(
          recordLine,
          `a record of more than ${MAX_RECORD_CHARS} characters: is a quote left open?`,
        )
      }
      this.text = text.slice(recordStart)
      this.line = recordLine
    } else {
      this.text = ''
      this.line = line
    }
    return out
  }
}

/** Longer records are refused: none is that long, but a quote left open would read the rest of
 * the file as one cell, again with every chunk. */
export const MAX_RECORD_CHARS = 1_000_000

function isBreak(c: number): boolean {
  return c === 10 || c === 13
}

/** Line breaks (\r\n, \n or \r each count one) in text[from, to): a quoted cell's content. */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++
  }
  return n
}
