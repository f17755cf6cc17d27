// `npm run dev`: the API (restarted on change by tsx watch) and Vite's dev server with hot
// reload, which forwards /api, /tiles, /styles… to the API. Ctrl-C stops both.
import { spawn } from 'node:child_process'

const apiPort = process.env.PORT ?? '8787'
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'api/server.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort },
  }),
  spawn('npx', ['vite', '--port', process.env.VITE_PORT ?? '5173'], {
    stdio: 'inherit',
    env: { ...process.env, INTRECCI_API_ORIGIN: `http://localhost:${apiPort}` },
  }),
]
const stop = () => children.forEach((c) => c.kill('SIGTERM'))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const c of children) c.on('exit', (code) => code && code !== 0 && stop())
