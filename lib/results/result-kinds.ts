// The kinds of result, for app/ code, which may not import db/ (see eslint.config.mjs). The list lives
// beside the database enum it mirrors.
export { RESULT_FLAGS, RESULT_KINDS, type ResultFlag, type ResultKind } from '@/db/schema/enum-values';
