import fs from 'node:fs'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS } from '../helpers/browser.ts'
const url = process.argv[2]!
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
await page.goto(url) // warm
await page.waitForSelector('[data-ready="true"]', { state: 'attached', timeout: 60000 })
await page.goto('about:blank')
await browser.startTracing(page, { path: '/tmp/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8.execute'] })
await page.goto(url)
await page.waitForSelector('[data-ready="true"]', { state: 'attached', timeout: 60000 })
await browser.stopTracing()
await browser.close()
const t = JSON.parse(fs.readFileSync('/tmp/trace.json', 'utf8'))
const ev = t.traceEvents ?? t
const mk = ev.find((e: any) => e.name === 'intrecci:map-ready')
const nav = ev.filter((e: any) => e.name === 'navigationStart' && e.pid === mk.pid).pop()
const start = nav.ts
console.log('ready at', ((mk.ts - start) / 1000).toFixed(0))
const threads: Record<string, string> = {}
for (const e of ev) if (e.name === 'thread_name') threads[`${e.pid}:${e.tid}`] = e.args.name
const win = 200
const busy = new Map<string, number[]>()
for (const e of ev) {
  if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue
  const th = `${threads[`${e.pid}:${e.tid}`] ?? e.tid}:${e.pid}:${e.tid}`
  const s0 = (e.ts - start) / 1000
  if (s0 < 0) continue
  const arr = busy.get(th) ?? Array(14).fill(0)
  const b = Math.floor(s0 / win)
  if (b < 14) arr[b] += e.dur / 1000
  busy.set(th, arr)
}
console.log(''.padEnd(44), Array.from({ length: 14 }, (_, i) => String(i * win).padStart(5)).join(''))
for (const [th, arr] of busy) if (arr.some((x) => x > 20)) console.log(th.padEnd(44), arr.map((x) => String(Math.round(x)).padStart(5)).join(''))
// main-thread: function calls by URL within window
const main = `${mk.pid}:${mk.tid}`
const tasks = ev.filter((e: any) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.name === 'ThreadControllerImpl::RunTask' && e.dur > 60000 && e.ts >= start)
for (const task of tasks) {
  console.log(`\nTASK at ${((task.ts - start) / 1000).toFixed(0)} for ${(task.dur / 1000).toFixed(0)} ms`)
  const inner = ev.filter((e: any) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task && e.dur > 8000)
  for (const e of inner.slice(0, 14)) console.log('   ', ((e.ts - start) / 1000).toFixed(0), (e.dur / 1000).toFixed(0).padStart(5), e.name, JSON.stringify(e.args?.data ?? {}).slice(0, 140))
}
