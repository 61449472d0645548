// The request tags, importable together.
export { default as StatusTag } from './StatusTag.vue'
export { default as DueTag } from './DueTag.vue'
export { default as EscalationTag } from './EscalationTag.vue'
