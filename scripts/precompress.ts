// A Vite plugin: after a build, a Brotli (.br) and a gzip (.gz) copy beside every compressible
// file of the web app, which the server sends as they are (api/web-assets.ts). The
// app's 1 MB of MapLibre is then compressed once, at the strongest settings (Brotli 11: a third
// smaller than the on-the-fly gzip), instead of on every request while the same event loop is
// answering the page's first API calls.
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)
const COMPRESSIBLE = /\.(?:js|mjs|css|json|svg)$/
/** Not worth a second file: the headers cost about as much as the bytes saved. */
const MIN_BYTES = 1024

export function precompress(): Plugin {
  return {
    name: 'intrecci-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name))
          .map(async (name) => {
            const file = path.join(dir, name)
            const bytes = await fs.readFile(file)
            if (bytes.byteLength < MIN_BYTES) return
            const [br, gz] = await Promise.all([
              brotli(bytes, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
                },
              }),
              gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
            ])
            await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)])
          }),
      )
    },
  }
}
