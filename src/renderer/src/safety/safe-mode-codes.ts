/** main's code for a script refused unconfirmed by the lexer (engines whose server cannot judge: SQL Server). */
export const SAFE_MODE_LEXER_CODE = 'QUARRY_SAFE_MODE'
