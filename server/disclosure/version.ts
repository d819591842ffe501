/**
 * The version of the disclosure policy: its cells and threshold, and a revision number of its rules
 * (bump RULES_REVISION when server/disclosure/suppression.ts or tile-figures.ts decides differently).
 * Stored with the decisions (disclosure_policy), so a povmap started on decisions made by another
 * version decides again (server/db/refresh.ts).
 */
import crypto from 'node:crypto';
import { COUNT_CELLS, FAR_CELLS, POOR_CELLS } from './cells.js';
import { MIN_CELL } from './suppression.js';

// 8: the debt and finance cells and the unemployed, under-employed and labour-force groups (issue 24)
// 9: the registry figures' cells (groups 4 and 3.2), their remainders decided as pseudo-children (registry-remainders.ts)
// 10: the registry figures (groups 3.2 and 4) on the areas tiles, withheld there with their cells
const RULES_REVISION = 10;

export const POLICY_VERSION = crypto.createHash('sha256')
  .update(JSON.stringify({ RULES_REVISION, MIN_CELL, COUNT_CELLS, POOR_CELLS, FAR_CELLS }))
  .digest('hex').slice(0, 16);
