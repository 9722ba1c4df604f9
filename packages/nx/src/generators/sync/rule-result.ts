/** What a sync rule found: problems it fixed in the tree, and problems only a person can fix. */
export interface RuleResult {
  fixed: string[];
  unfixable: string[];
}

export const emptyResult = (): RuleResult => ({ fixed: [], unfixable: [] });
