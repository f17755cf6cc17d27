// The themes of need signals are the resources' themes (api/vocabulary/vocabulary.ts), so needs
// and services compare per area; the database checks the same keys (sql/0020_need_signals.sql).
import type { SignalTheme } from '../db/database.ts'
import { RESOURCE_THEME_KEYS } from '../vocabulary/vocabulary.ts'

export const SIGNAL_THEMES = RESOURCE_THEME_KEYS satisfies readonly SignalTheme[]
