// Vite builds the web app (web/) into dist/web/, which the API server serves at `/`.
// The dev server forwards every server route to the API, so the app runs unchanged in dev.
import { fileURLToPath } from 'node:url'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vite'
import { precompress } from './scripts/precompress.ts'

// Absolute, so the config works from any working directory (tests build with it).
const WEB = fileURLToPath(new URL('./web', import.meta.url))
const OUT = fileURLToPath(new URL('./dist/web', import.meta.url))
// The API the dev server forwards to (`npm run dev` starts it on 8787).
const API = process.env.INTRECCI_API_ORIGIN ?? 'http://localhost:8787'
const PROXIED = ['/api', '/styles', '/fonts', '/basemap', '/tiles', '/ogc']

export default defineConfig({
  root: WEB,
  publicDir: false,
  plugins: [svelte(), precompress()],
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: 'es2022',
    // maplibre-gl is ~1 MB minified: it gets its own chunk, cached across app releases.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }],
        },
      },
    },
  },
  server: {
    // Host is passed through (no changeOrigin): the API writes absolute URLs into the offline
    // style from it, and they must point back at this dev server, not at the API's port.
    proxy: Object.fromEntries(PROXIED.map((path) => [path, { target: API }])),
  },
})
