// Reference data the request pages share: the zone's departments (for the lead/协办 pickers,
// the filter and co-department names), loaded once per session.
import { defineStore } from 'pinia'
import { deptApi } from '../api'
import { buildTree } from '../utils/tree'

export const useTicketStore = defineStore('ticket', {
  state: () => ({
    depts: [],
    deptsLoaded: false,
    deptsError: null,
  }),
  getters: {
    deptTree: (s) => buildTree(s.depts),
    deptName: (s) => (id) => {
      const d = s.depts.find((x) => x.id === id)
      return d ? d.name : id != null ? `#${id}` : '-'
    },
  },
  actions: {
    /** Load the departments unless already loaded; errors are kept, not thrown. */
    async loadDepts(force = false) {
      if (this.deptsLoaded && !force) return this.depts
      this.deptsError = null
      try {
        const res = await deptApi.list()
        this.depts = (res && res.items) || []
        this.deptsLoaded = true
      } catch (e) {
        this.deptsError = e
        this.depts = []
      }
      return this.depts
    },
    reset() {
      this.depts = []
      this.deptsLoaded = false
      this.deptsError = null
    },
  },
})
