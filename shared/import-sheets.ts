/**
 * The `import:preview` sheet choice that reads every sheet of a workbook with a column of domains. Its own
 * zod-free module, so the renderer can use the value without bundling the contract's schemas.
 */
export const ALL_SHEETS = 'all sheets';
