/** The actions engine: what to do per domain (deriveActions) and across an estate (groupActions). */
export { deriveActions } from './derive';
export { groupActions, type ActionItem } from './group';
export { readiness } from './readiness';
