import { prewarm } from 'maplibre-gl'
import { mount } from 'svelte'
import './app.css'
import App from './App.svelte'
import { boot } from './boot.ts'
import { installRouter } from './router.svelte.ts'
import { areas } from './state/areas.svelte.ts'

// Everything starts at once: configuration and basemap on one side, the areas on the other.
const booting = boot()
// MapLibre's own number of workers (one per two cores): on two cores a second worker cost more
// (a second compile of its 500 kB script, beside the page's own start) than it saved.
// The workers load their script while the configuration is on its way.
prewarm()
void areas.load(areas.kind)

installRouter()
mount(App, { target: document.getElementById('app')!, props: { boot: booting } })
