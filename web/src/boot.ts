// What the map needs before it can be created: the configuration and the chosen basemap.
import { getConfig } from './api/client.ts'
import type { AppConfig } from './api/types.ts'
import { chooseBasemap, type Basemap } from './map/basemap.ts'

export interface Boot {
  config: AppConfig
  basemap: Basemap
}

export async function boot(): Promise<Boot> {
  const config = await getConfig()
  return { config, basemap: await chooseBasemap(config) }
}
