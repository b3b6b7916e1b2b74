//! Source text to AST: the logos lexer feeding the LALRPOP grammar in `grammar/`.
pub mod ast;

#[derive(Debug)]
pub struct SyntaxError;
impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { write!(f, "syntax error") }
}
pub fn parse(_s: &str) -> Result<ast::Expr, SyntaxError> { Err(SyntaxError) }
impl std::error::Error for SyntaxError {}
impl miette::Diagnostic for SyntaxError {}
