// `npm start`: build the web app if it is out of date, then run the server in this process.
import { buildWebIfStale } from './web-build.ts'

if (!process.env.SKIP_WEB_BUILD) {
  const t0 = performance.now()
  if (await buildWebIfStale()) {
    console.log(`[intrecci] built the web app in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }
}
await import('../api/server.ts')
