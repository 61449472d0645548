// The side menu the console builds from its route table, for the tests.
import { createRouter, createMemoryHistory } from 'vue-router'
import { routes } from '../../src/router/routes'
import { buildMenu, menuLeaves } from '../../src/router/menu'

export const MENU = buildMenu(createRouter({ history: createMemoryHistory(), routes }).getRoutes())
export const LEAVES = menuLeaves(MENU)
