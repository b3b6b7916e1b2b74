//! Source text to AST: the logos lexer feeding the LALRPOP grammar in `grammar/`.
//!
//! Entry points: [`parse`] (a whole file or REPL input → one `Block`), [`is_incomplete`] (for the
//! REPL's continuation prompt) and [`sexp`] (a compact rendering of the AST, for tests/debugging).

pub mod ast;
mod build;
pub mod lexer;
mod sexp;

#[cfg(test)]
mod tests;

use std::fmt;

use lalrpop_util::ParseError;
use miette::{Diagnostic, LabeledSpan};

pub use lexer::{MAX_INTERPOLATION_NESTING, MAX_NESTING};
pub use sexp::sexp;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, unused_imports, dead_code)]
    grammar,
    "/vial.rs"
);

/// A syntax error: what went wrong, where (a byte range of the source), and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// Byte range in the source.
    pub span: std::ops::Range<usize>,
    /// Short text shown at the span, e.g. "unexpected `end`".
    pub label: String,
    pub help: Option<String>,
    /// More input could complete the source (an unclosed `do`, `fn`, bracket or string).
    pub incomplete: bool,
}

impl SyntaxError {
    pub fn new(start: usize, end: usize, message: &str, label: &str, help: &str) -> SyntaxError {
        SyntaxError {
            message: message.to_string(),
            span: start..end.max(start),
            label: label.to_string(),
            help: (!help.is_empty()).then(|| help.to_string()),
            incomplete: false,
        }
    }

    /// Marks the error as "the input ended too early".
    pub fn incomplete(mut self) -> SyntaxError {
        self.incomplete = true;
        self
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "syntax error: {}", self.message)
    }
}

impl std::error::Error for SyntaxError {}

impl Diagnostic for SyntaxError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("vial::syntax"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.span.end - self.span.start;
        Some(Box::new(std::iter::once(LabeledSpan::new(Some(self.label.clone()), self.span.start, len))))
    }
}

/// Parses a whole source file (or REPL input) into an `ExprKind::Block` of its expressions.
pub fn parse(source: &str) -> Result<ast::Expr, SyntaxError> {
    if source.len() >= u32::MAX as usize {
        return Err(SyntaxError::new(0, 0, "source too large", "file too large", "split the file up (4 GiB limit)"));
    }
    let lexed = lexer::lex(source)?;
    parse_tokens(source, lexed, ast::Span::new(0, source.len()))
}

/// True when `source` fails to parse only because it ends too early: an unclosed `do`/`fn`,
/// bracket, string or heredoc. The REPL keeps reading lines while this holds.
pub fn is_incomplete(source: &str) -> bool {
    matches!(parse(source), Err(e) if e.incomplete)
}

/// Runs the grammar over already-lexed tokens (also used for `#{}` interpolations, whose
/// tokens carry positions in the same source).
pub(crate) fn parse_tokens(source: &str, lexed: lexer::Lexed, whole: ast::Span) -> Result<ast::Expr, SyntaxError> {
    let lexer::Lexed { tokens, unclosed } = lexed;
    let result = grammar::FileParser::new().parse(source, tokens.into_iter().map(Ok::<_, SyntaxError>));
    match result {
        Ok(mut e) => {
            if let ast::ExprKind::Block(items) = &e.kind {
                if items.is_empty() {
                    e.span = whole;
                }
            }
            Ok(e)
        }
        Err(err) => Err(convert_error(source, err, unclosed, whole)),
    }
}

fn convert_error(
    _source: &str,
    err: ParseError<usize, lexer::Tok, SyntaxError>,
    unclosed: Option<(String, usize, usize)>,
    whole: ast::Span,
) -> SyntaxError {
    match err {
        ParseError::User { error } => error,
        ParseError::UnrecognizedEof { location, expected } => match unclosed {
            Some((what, s, e)) => {
                let help = match what.as_str() {
                    "do" | "fn" => "add a matching `end`".to_string(),
                    "(" => "add a matching `)`".to_string(),
                    "[" => "add a matching `]`".to_string(),
                    "{" => "add a matching `}`".to_string(),
                    "<<" => "add a matching `>>`".to_string(),
                    _ => "complete the expression".to_string(),
                };
                SyntaxError::new(s, e, &format!("`{what}` is never closed"), &format!("this `{what}` is never closed"), &help)
                    .incomplete()
            }
            None => {
                let at = location.min(whole.end as usize);
                SyntaxError::new(
                    at,
                    at,
                    "unexpected end of input",
                    "the expression is incomplete here",
                    &expected_help(&expected),
                )
                .incomplete()
            }
        },
        ParseError::UnrecognizedToken { token: (s, tok, e), expected } => {
            let what = tok.describe();
            let help = match tok {
                lexer::Tok::End => "this `end` has no matching `do`; check the blocks above".to_string(),
                lexer::Tok::Eol => format!("the expression continues on the next line? {}", expected_help(&expected)),
                _ => expected_help(&expected),
            };
            SyntaxError::new(s, e, &format!("unexpected {what}"), &format!("unexpected {what}"), &help)
        }
        ParseError::ExtraToken { token: (s, tok, e) } => {
            let what = tok.describe();
            SyntaxError::new(s, e, &format!("unexpected {what}"), &format!("unexpected {what}"), "remove it")
        }
        ParseError::InvalidToken { location } => {
            SyntaxError::new(location, location + 1, "invalid token", "invalid token", "remove it")
        }
    }
}

/// "expected one of …", short enough to read.
fn expected_help(expected: &[String]) -> String {
    let names: Vec<String> = expected
        .iter()
        .map(|e| {
            let t = e.trim_matches('"');
            match t {
                "lit" => "a literal".to_string(),
                "ident" | "paren_ident" | "np_ident" | "do_ident" => "an identifier".to_string(),
                "eol" => "a new line".to_string(),
                "kw" => "a keyword `key:`".to_string(),
                "alias" => "an alias".to_string(),
                "attr" | "np_attr" => "`@attribute`".to_string(),
                "&N" => "`&1`".to_string(),
                other => format!("`{}`", other.replace("\\\\\\\\", "\\\\")),
            }
        })
        .fold(Vec::new(), |mut acc, n| {
            if !acc.contains(&n) {
                acc.push(n);
            }
            acc
        });
    if names.is_empty() {
        return "check the syntax here".to_string();
    }
    if names.len() > 8 && expected.iter().any(|e| e == "\"lit\"") {
        return "expected an expression here".to_string();
    }
    if names.len() > 8 {
        return "an expression, operator or separator was expected here".to_string();
    }
    format!("expected {}", names.join(", "))
}
