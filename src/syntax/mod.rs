//! Source text to AST: the logos lexer feeding the LALRPOP grammar in `grammar/`.
pub mod ast;
