// Reads a text/event-stream body (https://html.spec.whatwg.org/multipage/server-sent-events.html)
// event by event, for the live-stream tests and the bench.
export interface SseEvent {
  event: string
  id: string | undefined
  data: string
}

export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>
  private readonly decoder = new TextDecoder()
  private buffer = ''
  private readonly queue: SseEvent[] = []
  private ended = false

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader()
  }

  /** The next event (comments skipped); rejects after `timeoutMs`, or when the stream ends. */
  async next(timeoutMs = 15_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const ready = this.queue.shift()
      if (ready) return ready
      if (this.ended) throw new Error('the stream ended')
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`)
      let timer: NodeJS.Timeout | undefined
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), left))),
      ])
      clearTimeout(timer)
      if (chunk === 'timeout') throw new Error(`no event within ${timeoutMs} ms`)
      if (chunk.done) {
        this.ended = true
        continue
      }
      this.buffer += this.decoder.decode(chunk.value, { stream: true })
      this.parse()
    }
  }

  /** Events until one of type `event` (included), skipping others if `skip` says so. */
  async nextOf(event: string, timeoutMs = 15_000): Promise<SseEvent> {
    for (;;) {
      const e = await this.next(timeoutMs)
      if (e.event === event) return e
    }
  }

  /** True when the server ended the stream (within `timeoutMs`). */
  async endsWithin(timeoutMs: number): Promise<boolean> {
    try {
      for (;;) await this.next(timeoutMs)
    } catch (err) {
      return (err as Error).message === 'the stream ended'
    }
  }

  async close() {
    await this.reader.cancel().catch(() => {})
  }

  private parse() {
    for (;;) {
      const end = this.buffer.indexOf('\n\n')
      if (end < 0) return
      const block = this.buffer.slice(0, end)
      this.buffer = this.buffer.slice(end + 2)
      let event = 'message'
      let id: string | undefined
      const data: string[] = []
      let any = false
      for (const raw of block.split('\n')) {
        if (raw.startsWith(':')) continue
        const i = raw.indexOf(':')
        const field = i < 0 ? raw : raw.slice(0, i)
        const value = i < 0 ? '' : raw.slice(i + 1).replace(/^ /, '')
        if (field === 'event') event = value
        else if (field === 'id') id = value
        else if (field === 'data') data.push(value)
        else continue
        any = true
      }
      if (any && data.length) this.queue.push({ event, id, data: data.join('\n') })
    }
  }
}
