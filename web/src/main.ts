import { getWorkerCount, prewarm, setWorkerCount } from 'maplibre-gl'
import { mount } from 'svelte'
import './app.css'
import App from './App.svelte'
import { boot } from './boot.ts'
import { installRouter } from './router.svelte.ts'
import { areas } from './state/areas.svelte.ts'

// Everything starts at once: configuration and basemap on one side, the areas on the other.
const booting = boot()
// At least two workers: GeoJSON sources are parsed one at a time per worker, and the offline
// basemap's large green areas would otherwise hold up ours (the default is one per two cores).
setWorkerCount(Math.max(getWorkerCount(), 2))
// MapLibre's workers load their 500 kB script while the configuration is on its way.
prewarm()
void areas.load(areas.kind)

installRouter()
mount(App, { target: document.getElementById('app')!, props: { boot: booting } })
