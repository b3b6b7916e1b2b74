//! The tokenizer: source text to the context-specific tokens the LALRPOP grammar consumes.
//!
//! Elixir's grammar depends on whitespace in a few places (`foo -1` is a call, `foo - 1` a
//! subtraction; `foo [1]` a call, `foo[1]` an access; `foo do` takes a block). Like Elixir's own
//! tokenizer, we resolve these here by emitting distinct token kinds, which keeps the grammar
//! free of LR conflicts. Literals (numbers, atoms, strings with their interpolations already
//! parsed, sigils) arrive at the grammar as finished [`Expr`]s.
//!
//! The lexer also tracks bracket/`do`/`fn` nesting, which gives precise "never closed" and
//! "unexpected closer" errors and lets us refuse absurdly deep input before any recursive code
//! (including `Drop` of the AST) could overflow the stack.

use logos::Logos;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::ast::{Expr, ExprKind, Span, StrPart};
use super::SyntaxError;

/// Deepest nesting accepted: open brackets/blocks plus chained operators within one expression.
/// Keeps every recursive walk of the AST (and its `Drop`) far from the stack limit.
pub const MAX_NESTING: usize = 1000;

/// Deepest nesting of `#{}` interpolations: each level re-enters the lexer and the parser.
pub const MAX_INTERPOLATION_NESTING: usize = 32;

/// A token with its byte range, in the shape LALRPOP's external-lexer interface expects.
pub type Spanned = (usize, Tok, usize);

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// Any literal, already converted: numbers, atoms, `true`/`false`/`nil`, strings, sigils.
    Lit(Expr),
    /// A bare identifier: a variable, or a zero-argument call the compiler resolves.
    Ident(String),
    /// An identifier immediately followed by `(` — or by a space and something that starts an
    /// argument (`foo 1`), in which case the lexer inserts a virtual `(` after it.
    ParenIdent(String),
    /// An identifier followed by ` do`: a zero-argument call taking a `do` block.
    DoIdent(String),
    Alias(String),
    /// `__MODULE__`
    ModuleKw,
    /// `@name` read.
    Attr(String),
    /// `@name value` definition (followed by a virtual `(`).
    AttrNp(String),
    /// `name:` keyword key (also `"name":`).
    Kw(String),
    /// `&1`
    CaptureArg(u32),
    Do,
    End,
    Fn,
    Else,
    After,
    Rescue,
    Catch,
    When,
    And,
    Or,
    Not,
    In,
    NotIn,
    LParen,
    RParen,
    LBracket,
    /// `[` directly after a value, with no space: `map[key]`.
    AccessBracket,
    RBracket,
    LBrace,
    RBrace,
    PercentBrace,
    Percent,
    LBin,
    RBin,
    Comma,
    Dot,
    /// End of an expression: a significant newline or `;`.
    Eol,
    Arrow,
    LeftArrow,
    Backslashes,
    DoubleColon,
    Bar,
    FatArrow,
    Match,
    OrOr,
    AndAnd,
    /// `|||`, `&&&`, `<<<`, `>>>`, `~~~`: the `Bitwise` operators.
    BorOp,
    BandOp,
    BslOp,
    BsrOp,
    BnotOp,
    EqEq,
    NotEq,
    MatchRe,
    StrictEq,
    StrictNotEq,
    Lt,
    Gt,
    Le,
    Ge,
    PipeOp,
    DotDot,
    SlashSlash,
    PlusPlus,
    MinusMinus,
    Concat,
    Plus,
    Minus,
    Star,
    Slash,
    Pow,
    Bang,
    Caret,
    Amp,
}

impl Tok {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        let s = match self {
            Tok::Lit(e) => {
                return match &e.kind {
                    ExprKind::Str(_) | ExprKind::Interp(_) => "string".into(),
                    ExprKind::Atom(a) => format!("atom `:{a}`"),
                    ExprKind::Charlist(_) => "charlist".into(),
                    ExprKind::List(..) => "sigil".into(),
                    _ => "number".into(),
                };
            }
            Tok::Ident(n) | Tok::ParenIdent(n) | Tok::DoIdent(n) => {
                return format!("identifier `{n}`");
            }
            Tok::Alias(n) => return format!("alias `{n}`"),
            Tok::Attr(n) | Tok::AttrNp(n) => return format!("`@{n}`"),
            Tok::Kw(n) => return format!("keyword `{n}:`"),
            Tok::CaptureArg(n) => return format!("`&{n}`"),
            Tok::Eol => return "end of line".into(),
            Tok::ModuleKw => "__MODULE__",
            Tok::Do => "do",
            Tok::End => "end",
            Tok::Fn => "fn",
            Tok::Else => "else",
            Tok::After => "after",
            Tok::Rescue => "rescue",
            Tok::Catch => "catch",
            Tok::When => "when",
            Tok::And => "and",
            Tok::Or => "or",
            Tok::Not => "not",
            Tok::In => "in",
            Tok::NotIn => "not in",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBracket | Tok::AccessBracket => "[",
            Tok::RBracket => "]",
            Tok::LBrace => "{",
            Tok::RBrace => "}",
            Tok::PercentBrace => "%{",
            Tok::Percent => "%",
            Tok::LBin => "<<",
            Tok::RBin => ">>",
            Tok::Comma => ",",
            Tok::Dot => ".",
            Tok::Arrow => "->",
            Tok::LeftArrow => "<-",
            Tok::Backslashes => "\\\\",
            Tok::DoubleColon => "::",
            Tok::Bar => "|",
            Tok::FatArrow => "=>",
            Tok::Match => "=",
            Tok::OrOr => "||",
            Tok::AndAnd => "&&",
            Tok::BorOp => "|||",
            Tok::BandOp => "&&&",
            Tok::BslOp => "<<<",
            Tok::BsrOp => ">>>",
            Tok::BnotOp => "~~~",
            Tok::EqEq => "==",
            Tok::NotEq => "!=",
            Tok::MatchRe => "=~",
            Tok::StrictEq => "===",
            Tok::StrictNotEq => "!==",
            Tok::Lt => "<",
            Tok::Gt => ">",
            Tok::Le => "<=",
            Tok::Ge => ">=",
            Tok::PipeOp => "|>",
            Tok::DotDot => "..",
            Tok::SlashSlash => "//",
            Tok::PlusPlus => "++",
            Tok::MinusMinus => "--",
            Tok::Concat => "<>",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::Pow => "**",
            Tok::Bang => "!",
            Tok::Caret => "^",
            Tok::Amp => "&",
        };
        format!("`{s}`")
    }

    /// Binary-only operators: a newline before one continues the previous line (pipelines
    /// written with a leading `|>`), and they never start an argument.
    fn is_binary_only(&self) -> bool {
        matches!(
            self,
            Tok::PipeOp
                | Tok::Dot
                | Tok::Bar
                | Tok::FatArrow
                | Tok::When
                | Tok::And
                | Tok::Or
                | Tok::AndAnd
                | Tok::BorOp
                | Tok::BandOp
                | Tok::BslOp
                | Tok::BsrOp
                | Tok::OrOr
                | Tok::PlusPlus
                | Tok::MinusMinus
                | Tok::Concat
                | Tok::EqEq
                | Tok::NotEq
                | Tok::StrictEq
                | Tok::StrictNotEq
                | Tok::MatchRe
                | Tok::Match
                | Tok::In
                | Tok::NotIn
                | Tok::Star
                | Tok::Slash
                | Tok::Pow
                | Tok::DoubleColon
                | Tok::LeftArrow
                | Tok::Backslashes
                | Tok::SlashSlash
                | Tok::Lt
                | Tok::Gt
                | Tok::Le
                | Tok::Ge
        )
    }

    /// Tokens after which a newline is insignificant: the expression must go on.
    fn continues_after(&self) -> bool {
        self.is_binary_only()
            || matches!(
                self,
                Tok::Comma
                    | Tok::LParen
                    | Tok::LBracket
                    | Tok::AccessBracket
                    | Tok::LBrace
                    | Tok::PercentBrace
                    | Tok::LBin
                    | Tok::Arrow
                    | Tok::Do
                    | Tok::Fn
                    | Tok::Else
                    | Tok::After
                    | Tok::Rescue
                    | Tok::Catch
                    | Tok::Kw(_)
                    | Tok::Plus
                    | Tok::Minus
                    | Tok::Bang
                    | Tok::Caret
                    | Tok::Amp
                    | Tok::Not
                    | Tok::BnotOp
                    | Tok::DotDot
                    | Tok::Eol
            )
    }

    /// Tokens before which a newline is insignificant (closers, section keywords, `,`, and
    /// binary-only operators that continue the previous line).
    fn continues_before(&self) -> bool {
        self.is_binary_only()
            || matches!(
                self,
                Tok::Comma
                    | Tok::RParen
                    | Tok::RBracket
                    | Tok::RBrace
                    | Tok::RBin
                    | Tok::End
                    | Tok::Else
                    | Tok::After
                    | Tok::Rescue
                    | Tok::Catch
            )
    }

    /// Tokens that add a level of nesting to the AST being built (see [`MAX_NESTING`]).
    fn nests(&self) -> bool {
        self.is_binary_only()
            || matches!(
                self,
                Tok::Plus
                    | Tok::Minus
                    | Tok::Bang
                    | Tok::Caret
                    | Tok::Amp
                    | Tok::Not
                    | Tok::BnotOp
                    | Tok::DotDot
                    | Tok::Kw(_)
            )
    }

    /// Tokens after which a directly following `[` is an access (`x[1]`, `f(a)[1]`).
    fn ends_value(&self) -> bool {
        matches!(
            self,
            Tok::Ident(_)
                | Tok::Alias(_)
                | Tok::ModuleKw
                | Tok::Attr(_)
                | Tok::CaptureArg(_)
                | Tok::RParen
                | Tok::RBracket
                | Tok::RBrace
                | Tok::Lit(_)
        )
    }
}

/// The tokens logos recognizes directly; strings, atoms, sigils, char literals, whitespace and
/// comments are scanned by hand because they need context (interpolation, delimiters).
#[derive(Logos, Debug, Clone, Copy, PartialEq)]
enum Raw {
    #[regex(r"[a-z_][a-zA-Z0-9_]*[?!]?")]
    Ident,
    #[regex(r"[A-Z][a-zA-Z0-9_]*")]
    Alias,
    #[regex(r"[0-9][0-9_]*")]
    Int,
    #[regex(r"0x[0-9a-fA-F][0-9a-fA-F_]*")]
    Hex,
    #[regex(r"0o[0-7][0-7_]*")]
    Oct,
    #[regex(r"0b[01][01_]*")]
    Bin,
    #[regex(r"[0-9][0-9_]*\.[0-9][0-9_]*([eE][+-]?[0-9][0-9_]*)?")]
    Float,
    #[regex(r"@[a-z_][a-zA-Z0-9_]*[?!]?")]
    Attr,
    #[regex(r"&[0-9]+")]
    CaptureArg,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("%{")]
    PercentBrace,
    #[token("%")]
    Percent,
    #[token("<<")]
    LBin,
    #[token(">>")]
    RBin,
    #[token(",")]
    Comma,
    #[token(".")]
    Dot,
    #[token(";")]
    Semi,
    #[token("->")]
    Arrow,
    #[token("<-")]
    LeftArrow,
    #[token("\\\\")]
    Backslashes,
    #[token("::")]
    DoubleColon,
    #[token("|")]
    Bar,
    #[token("=>")]
    FatArrow,
    #[token("=")]
    Match,
    #[token("||")]
    OrOr,
    #[token("&&")]
    AndAnd,
    #[token("|||")]
    BorOp,
    #[token("&&&")]
    BandOp,
    #[token("<<<")]
    BslOp,
    #[token(">>>")]
    BsrOp,
    #[token("~~~")]
    BnotOp,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("=~")]
    MatchRe,
    #[token("===")]
    StrictEq,
    #[token("!==")]
    StrictNotEq,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("<=")]
    Le,
    #[token(">=")]
    Ge,
    #[token("|>")]
    PipeOp,
    #[token("..")]
    DotDot,
    #[token("//")]
    SlashSlash,
    #[token("++")]
    PlusPlus,
    #[token("--")]
    MinusMinus,
    #[token("<>")]
    Concat,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("**")]
    Pow,
    #[token("!")]
    Bang,
    #[token("^")]
    Caret,
    #[token("&")]
    Amp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FrameKind {
    Top,
    Paren,
    Bracket,
    Brace,
    Bin,
    Do,
    Fn,
    /// The virtual parentheses around the arguments of a call written without them.
    Virtual,
}

impl FrameKind {
    fn closer(self) -> &'static str {
        match self {
            FrameKind::Top | FrameKind::Virtual => "",
            FrameKind::Paren => ")",
            FrameKind::Bracket => "]",
            FrameKind::Brace => "}",
            FrameKind::Bin => ">>",
            FrameKind::Do | FrameKind::Fn => "end",
        }
    }
}

/// One open bracket or block.
#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    open: (usize, usize),
    /// Nesting-adding tokens seen in the current expression at this level.
    ops: usize,
}

/// What [`lex`] hands to the parser: the tokens, and the innermost construct left open at
/// the end of input (for "this `do` is never closed" errors).
pub struct Lexed {
    pub tokens: Vec<Spanned>,
    pub unclosed: Option<(String, usize, usize)>,
}

/// Tokenizes a whole file (or REPL input).
pub fn lex(src: &str) -> Result<Lexed, SyntaxError> {
    let mut lx = Lexer::new(src, 0, 0, 0, false);
    lx.run()?;
    let unclosed = lx.frames.iter().rev().find(|f| !matches!(f.kind, FrameKind::Top | FrameKind::Virtual)).map(|f| {
        let what = match f.kind {
            FrameKind::Do => "do",
            FrameKind::Fn => "fn",
            FrameKind::Paren => "(",
            FrameKind::Bracket => "[",
            FrameKind::Brace => "{",
            FrameKind::Bin => "<<",
            FrameKind::Top | FrameKind::Virtual => "",
        };
        (what.to_string(), f.open.0, f.open.1)
    });
    Ok(Lexed { tokens: lx.toks, unclosed })
}

struct Lexer<'s> {
    src: &'s str,
    pos: usize,
    toks: Vec<Spanned>,
    frames: Vec<Frame>,
    ops_total: usize,
    /// Nesting of the enclosing code, for interpolations.
    base_depth: usize,
    interp_level: usize,
    /// Lexing the inside of `#{…}`: stop at the unmatched `}`.
    in_interp: bool,
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_lowercase() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Operator atoms (`:+`, `:==`, …), longest first so that prefixes don't win.
const OPERATOR_ATOMS: &[&str] = &[
    "<<>>", "===", "!==", "...", "%{}", "<<<", ">>>", "|||", "&&&", "^^^", "~~~", "<~>", "<>",
    "<=", ">=", "==", "!=", "=~", "&&", "||", "|>", "++", "--", "..", "**", "<-", "->", "\\\\",
    "{}", "+", "-", "*", "/", "<", ">", "=", "!", "^", "&", "|", ".", "@", "%",
];

impl<'s> Lexer<'s> {
    fn new(src: &'s str, pos: usize, base_depth: usize, interp_level: usize, in_interp: bool) -> Self {
        Lexer {
            src,
            pos,
            toks: Vec::new(),
            frames: vec![Frame { kind: FrameKind::Top, open: (pos, pos), ops: 0 }],
            ops_total: 0,
            base_depth,
            interp_level,
            in_interp,
        }
    }

    fn err(&self, start: usize, end: usize, message: &str, label: &str, help: &str) -> SyntaxError {
        SyntaxError::new(start, end, message, label, help)
    }

    fn byte(&self, pos: usize) -> Option<u8> {
        self.src.as_bytes().get(pos).copied()
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    fn rest(&self, pos: usize) -> &'s str {
        self.src.get(pos..).unwrap_or("")
    }

    fn depth(&self) -> usize {
        self.base_depth + self.frames.len() + self.ops_total
    }

    fn check_depth(&self, start: usize, end: usize) -> Result<(), SyntaxError> {
        if self.depth() > MAX_NESTING {
            return Err(self.err(
                start,
                end,
                "expression nested too deeply",
                "nesting limit reached here",
                &format!("split the expression up: at most {MAX_NESTING} levels of nesting are supported"),
            ));
        }
        Ok(())
    }

    fn in_virtual(&self) -> bool {
        self.frames.last().is_some_and(|f| f.kind == FrameKind::Virtual)
    }

    /// Ends the arguments of every call without parentheses open at this level, by emitting
    /// their virtual `)` at the end of the previous token.
    fn close_virtual(&mut self) -> Result<(), SyntaxError> {
        while self.in_virtual() {
            let at = self.toks.last().map_or(self.pos, |t| t.2);
            if let Some(f) = self.frames.pop() {
                self.ops_total -= f.ops;
            }
            self.push(at, Tok::RParen, at)?;
        }
        Ok(())
    }

    /// Whether a newline here would end an expression (rather than be skipped).
    fn newline_significant(&self) -> bool {
        self.toks.last().is_some_and(|(_, t, _)| !t.continues_after())
    }

    /// Emits a token, applying the newline rules and the nesting accounting.
    fn push(&mut self, start: usize, tok: Tok, end: usize) -> Result<(), SyntaxError> {
        if tok == Tok::Eol {
            match self.toks.last() {
                None => return Ok(()),
                Some((_, last, _)) if last.continues_after() => return Ok(()),
                _ => {}
            }
        } else if tok.continues_before() {
            if let Some((_, Tok::Eol, _)) = self.toks.last() {
                self.toks.pop();
            }
        }
        if matches!(tok, Tok::Eol | Tok::Comma | Tok::Arrow) {
            if let Some(f) = self.frames.last_mut() {
                self.ops_total -= f.ops;
                f.ops = 0;
            }
        } else if tok.nests() {
            if let Some(f) = self.frames.last_mut() {
                f.ops += 1;
            }
            self.ops_total += 1;
            self.check_depth(start, end)?;
        }
        self.toks.push((start, tok, end));
        Ok(())
    }

    fn open(&mut self, kind: FrameKind, start: usize, end: usize) -> Result<(), SyntaxError> {
        self.frames.push(Frame { kind, open: (start, end), ops: 0 });
        self.check_depth(start, end)
    }

    fn close(&mut self, kind: FrameKind, start: usize, end: usize) -> Result<(), SyntaxError> {
        self.close_virtual()?;
        let closer = match kind {
            FrameKind::Fn => "end",
            k => k.closer(),
        };
        let top = self.frames.last().map(|f| (f.kind, f.open));
        match top {
            Some((k, _)) if k == kind || (kind == FrameKind::Do && k == FrameKind::Fn) => {
                if let Some(f) = self.frames.pop() {
                    self.ops_total -= f.ops;
                }
                Ok(())
            }
            Some((FrameKind::Top | FrameKind::Virtual, _)) | None => {
                let help = if closer == "end" {
                    "this `end` has no matching `do` or `fn`; remove it".to_string()
                } else {
                    format!("this `{closer}` has no matching opening bracket; remove it")
                };
                Err(self.err(start, end, &format!("unexpected `{closer}`"), &format!("unexpected `{closer}`"), &help))
            }
            Some((k, (os, _))) => {
                let (line, _) = line_col(self.src, os);
                Err(self.err(
                    start,
                    end,
                    &format!("unexpected `{closer}`"),
                    &format!("unexpected `{closer}`"),
                    &format!("expected `{}` to close what was opened on line {line}", k.closer()),
                ))
            }
        }
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        loop {
            // Skip horizontal whitespace and line continuations.
            while let Some(b) = self.byte(self.pos) {
                if b == b' ' || b == b'\t' || b == b'\r' {
                    self.pos += 1;
                } else if b == b'\\' && matches!(self.byte(self.pos + 1), Some(b'\n')) {
                    self.pos += 2;
                } else if b == b'\\' && self.rest(self.pos + 1).starts_with("\r\n") {
                    self.pos += 3;
                } else {
                    break;
                }
            }
            let start = self.pos;
            let Some(c) = self.char_at(start) else {
                self.close_virtual()?;
                if self.in_interp {
                    return Err(self
                        .err(start, start, "unterminated interpolation", "this `#{` is never closed", "add a closing `}`")
                        .incomplete());
                }
                break;
            };
            match c {
                '\n' => {
                    self.pos += 1;
                    if self.newline_significant() {
                        self.close_virtual()?;
                    }
                    self.push(start, Tok::Eol, start + 1)?;
                }
                '#' => {
                    while let Some(b) = self.byte(self.pos) {
                        if b == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                '"' => {
                    let lit = self.string_literal(start, '"')?;
                    self.after_quoted(start, lit)?;
                }
                '\'' => {
                    let lit = self.string_literal(start, '\'')?;
                    self.after_quoted(start, lit)?;
                }
                ':' if self.byte(start + 1) != Some(b':') && self.atom_follows(start + 1) => {
                    let e = self.atom(start)?;
                    self.push(start, Tok::Lit(e), self.pos)?;
                }
                '?' if self.char_at(start + 1).is_some() => {
                    let e = self.char_literal(start)?;
                    self.push(start, Tok::Lit(e), self.pos)?;
                }
                '~' if self.char_at(start + 1).is_some_and(|c| c.is_ascii_alphabetic()) => {
                    let e = self.sigil(start)?;
                    self.push(start, Tok::Lit(e), self.pos)?;
                }
                '}' if self.in_interp && self.frames.iter().skip(1).all(|f| f.kind == FrameKind::Virtual) => {
                    self.close_virtual()?;
                    self.pos += 1;
                    return Ok(());
                }
                _ => self.raw_token(start)?,
            }
        }
        // Trailing newlines carry no meaning.
        while let Some((_, Tok::Eol, _)) = self.toks.last() {
            self.toks.pop();
        }
        Ok(())
    }

    /// After a string or charlist: `"key": value` makes it a keyword key.
    fn after_quoted(&mut self, start: usize, lit: Expr) -> Result<(), SyntaxError> {
        if self.byte(self.pos) == Some(b':')
            && self.byte(self.pos + 1).is_none_or(|b| b == b' ' || b == b'\t' || b == b'\n' || b == b'\r')
        {
            if let ExprKind::Str(s) | ExprKind::Charlist(s) = lit.kind {
                self.pos += 1;
                return self.push(start, Tok::Kw(s), self.pos);
            }
            return Err(self.err(
                start,
                self.pos,
                "interpolated keyword key",
                "keyword keys cannot be interpolated",
                "use a plain string or `key:` here",
            ));
        }
        self.push(start, Tok::Lit(lit), self.pos)
    }

    fn atom_follows(&self, pos: usize) -> bool {
        match self.char_at(pos) {
            Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '"' => true,
            Some(_) => OPERATOR_ATOMS.iter().any(|op| self.rest(pos).starts_with(op)),
            None => false,
        }
    }

    fn atom(&mut self, start: usize) -> Result<Expr, SyntaxError> {
        let p = start + 1;
        if self.byte(p) == Some(b'"') {
            let lit = self.string_literal(p, '"')?;
            return match lit.kind {
                ExprKind::Str(s) => Ok(Expr::new(ExprKind::Atom(s), Span::new(start, self.pos))),
                // `:"key#{i}"` builds the atom at run time, as Elixir does.
                _ => {
                    let span = Span::new(start, self.pos);
                    let target = Expr::new(ExprKind::Atom("erlang".into()), span);
                    Ok(Expr::new(
                        ExprKind::Remote { target: Box::new(target), name: "binary_to_atom".into(), args: vec![lit], do_block: None },
                        span,
                    ))
                }
            };
        }
        if self.char_at(p).is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
            let mut q = p;
            loop {
                while self.char_at(q).is_some_and(|c| is_ident_char(c) || c == '@') {
                    q += 1;
                }
                // `:Elixir.Foo.Bar` style atoms keep their dots.
                if self.byte(q) == Some(b'.') && self.char_at(q + 1).is_some_and(|c| c.is_ascii_uppercase()) {
                    q += 1;
                    continue;
                }
                break;
            }
            if matches!(self.byte(q), Some(b'?') | Some(b'!')) {
                q += 1;
            }
            self.pos = q;
            let name = self.src.get(p..q).unwrap_or("").to_string();
            return Ok(Expr::new(ExprKind::Atom(name), Span::new(start, q)));
        }
        for op in OPERATOR_ATOMS {
            if self.rest(p).starts_with(op) {
                self.pos = p + op.len();
                return Ok(Expr::new(ExprKind::Atom(op.to_string()), Span::new(start, self.pos)));
            }
        }
        Err(self.err(start, p, "unexpected `:`", "unexpected `:`", "an atom looks like `:name`"))
    }

    fn char_literal(&mut self, start: usize) -> Result<Expr, SyntaxError> {
        let p = start + 1;
        let Some(c) = self.char_at(p) else {
            return Err(self.err(start, p, "unexpected `?`", "unexpected `?`", "a character literal looks like `?a`"));
        };
        let (value, end) = if c == '\\' {
            match self.char_at(p + 1) {
                Some(e) => {
                    let mut out = String::new();
                    let end = self.escape(p, &mut out)?;
                    (out.chars().next().unwrap_or(e), end)
                }
                None => {
                    return Err(self.err(start, p + 1, "unexpected end of input", "incomplete character literal", "write e.g. `?\\n`").incomplete());
                }
            }
        } else {
            (c, p + c.len_utf8())
        };
        self.pos = end;
        Ok(Expr::new(ExprKind::Int(value as i64), Span::new(start, end)))
    }

    /// Processes one backslash escape starting at `pos` (the `\`), appending to `out`;
    /// returns the position after it.
    fn escape(&self, pos: usize, out: &mut String) -> Result<usize, SyntaxError> {
        let Some(c) = self.char_at(pos + 1) else {
            return Err(self.err(pos, pos + 1, "unterminated escape", "escape at end of input", "complete the escape sequence").incomplete());
        };
        let mut end = pos + 1 + c.len_utf8();
        match c {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'e' => out.push('\u{1b}'),
            '0' => out.push('\0'),
            's' => out.push(' '),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            'd' => out.push('\u{7f}'),
            '\n' => {}
            'x' => {
                let mut q = end;
                let digits_end = if self.byte(q) == Some(b'{') {
                    q += 1;
                    let s = q;
                    while self.byte(q).is_some_and(|b| b.is_ascii_hexdigit()) {
                        q += 1;
                    }
                    let d = (s, q);
                    if self.byte(q) != Some(b'}') {
                        return Err(self.err(pos, q, "invalid escape", "invalid `\\x{...}` escape", "write e.g. `\\x{41}`"));
                    }
                    q += 1;
                    end = q;
                    d
                } else {
                    let s = q;
                    while q < s + 2 && self.byte(q).is_some_and(|b| b.is_ascii_hexdigit()) {
                        q += 1;
                    }
                    end = q;
                    (s, q)
                };
                let hex = self.src.get(digits_end.0..digits_end.1).unwrap_or("");
                match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => return Err(self.err(pos, end, "invalid escape", "invalid `\\x` escape", "write two hex digits, e.g. `\\x41`")),
                }
            }
            'u' => {
                let mut q = end;
                let (s, e) = if self.byte(q) == Some(b'{') {
                    q += 1;
                    let s = q;
                    while self.byte(q).is_some_and(|b| b.is_ascii_hexdigit()) {
                        q += 1;
                    }
                    if self.byte(q) != Some(b'}') {
                        return Err(self.err(pos, q, "invalid escape", "invalid `\\u{...}` escape", "write e.g. `\\u{1F600}`"));
                    }
                    end = q + 1;
                    (s, q)
                } else {
                    let s = q;
                    while q < s + 4 && self.byte(q).is_some_and(|b| b.is_ascii_hexdigit()) {
                        q += 1;
                    }
                    end = q;
                    (s, q)
                };
                let hex = self.src.get(s..e).unwrap_or("");
                match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => return Err(self.err(pos, end, "invalid escape", "invalid unicode escape", "write e.g. `\\u{1F600}`")),
                }
            }
            other => out.push(other),
        }
        Ok(end)
    }

    /// Scans a `"…"`/`'…'` literal (or a heredoc) starting at the opening quote; leaves
    /// `self.pos` after it.
    fn string_literal(&mut self, start: usize, quote: char) -> Result<Expr, SyntaxError> {
        let triple: &str = if quote == '"' { "\"\"\"" } else { "'''" };
        let parts = if self.rest(start).starts_with(triple) {
            self.heredoc(start, triple, true, true)?
        } else {
            let (parts, end) = self.delimited(start, start + 1, quote, None, true, true)?;
            self.pos = end;
            parts
        };
        let span = Span::new(start, self.pos);
        Ok(if quote == '\'' {
            Expr::new(ExprKind::Charlist(flatten(parts)), span)
        } else {
            parts_to_expr(parts, span)
        })
    }

    /// Scans literal text from `from` up to the unescaped `close` (nesting `open`/`close` if
    /// given), processing escapes and `#{}` interpolation when asked. Returns the parts and the
    /// position after the closing delimiter.
    fn delimited(
        &mut self,
        start: usize,
        from: usize,
        close: char,
        open: Option<char>,
        escapes: bool,
        interp: bool,
    ) -> Result<(Vec<StrPart>, usize), SyntaxError> {
        let mut parts = Vec::new();
        let mut buf = String::new();
        let mut p = from;
        let mut nest = 0usize;
        loop {
            let Some(c) = self.char_at(p) else {
                return Err(self
                    .err(start, start + 1, "unterminated string", "this string is never closed", &format!("add a closing `{close}`"))
                    .incomplete());
            };
            if c == close && nest == 0 {
                if !buf.is_empty() {
                    parts.push(StrPart::Lit(std::mem::take(&mut buf)));
                }
                return Ok((parts, p + c.len_utf8()));
            }
            if Some(c) == open {
                nest += 1;
            } else if c == close {
                nest -= 1;
            }
            if c == '\\' {
                if escapes {
                    p = self.escape(p, &mut buf)?;
                } else {
                    // Raw sigils still let `\` protect the closing delimiter.
                    match self.char_at(p + 1) {
                        Some(n) if n == close || Some(n) == open || n == '\\' => {
                            if n != close && Some(n) != open {
                                buf.push('\\');
                            }
                            buf.push(n);
                            p += 1 + n.len_utf8();
                        }
                        _ => {
                            buf.push('\\');
                            p += 1;
                        }
                    }
                }
                continue;
            }
            if interp && c == '#' && self.byte(p + 1) == Some(b'{') {
                p = self.interpolated_part(p, &mut buf, &mut parts)?;
                continue;
            }
            buf.push(c);
            p += c.len_utf8();
        }
    }

    /// Parses the `#{…}` starting at `p` (the `#`); returns the expression and the position
    /// after the `}`.
    /// A `#{…}` at `p` inside a string: closes the literal text collected so far, adds the
    /// expression, and returns the position after the closing `}`.
    fn interpolated_part(&mut self, p: usize, buf: &mut String, parts: &mut Vec<StrPart>) -> Result<usize, SyntaxError> {
        if !buf.is_empty() {
            parts.push(StrPart::Lit(std::mem::take(buf)));
        }
        let (e, end) = self.interpolation(p)?;
        parts.push(StrPart::Expr(e));
        Ok(end)
    }

    fn interpolation(&mut self, p: usize) -> Result<(Expr, usize), SyntaxError> {
        if self.interp_level + 1 > MAX_INTERPOLATION_NESTING {
            return Err(self.err(
                p,
                p + 2,
                "interpolation nested too deeply",
                "nesting limit reached here",
                &format!("at most {MAX_INTERPOLATION_NESTING} nested interpolations are supported"),
            ));
        }
        let mut sub = Lexer::new(self.src, p + 2, self.depth(), self.interp_level + 1, true);
        if let Some(f) = sub.frames.first_mut() {
            f.open = (p, p + 2);
        }
        sub.run()?;
        let end = sub.pos;
        let lexed = Lexed { tokens: sub.toks, unclosed: None };
        let e = super::parse_tokens(self.src, lexed, Span::new(p, end))?;
        // `#{x}` holds the expression itself; only `#{a; b}` stays a block.
        let e = match e.kind {
            ExprKind::Block(mut items) if items.len() == 1 => items.pop().unwrap_or_else(|| Expr::new(ExprKind::Block(vec![]), e.span)),
            kind => Expr::new(kind, e.span),
        };
        Ok((e, end))
    }

    /// A heredoc starting at `start` with the opening `delim`: content lines start after the
    /// opening line, and the closing delimiter's indentation is removed from every line.
    fn heredoc(&mut self, start: usize, delim: &str, escapes: bool, interp: bool) -> Result<Vec<StrPart>, SyntaxError> {
        let mut p = start + delim.len();
        while matches!(self.byte(p), Some(b' ') | Some(b'\t') | Some(b'\r')) {
            p += 1;
        }
        if self.byte(p) != Some(b'\n') {
            return Err(self.err(
                start,
                p,
                "heredoc start must be followed by a new line",
                "text after the opening delimiter",
                &format!("start the content on the line after `{delim}`"),
            ));
        }
        let content_start = p + 1;
        // Find the closing line: the first line whose first non-blank text is the delimiter.
        let mut line_start = content_start;
        let (close_line, indent) = loop {
            if line_start >= self.src.len() {
                return Err(self
                    .err(start, start + delim.len(), "unterminated heredoc", "this heredoc is never closed", &format!("add a closing `{delim}` on its own line"))
                    .incomplete());
            }
            let line_end = self.rest(line_start).find('\n').map_or(self.src.len(), |i| line_start + i);
            let line = self.src.get(line_start..line_end).unwrap_or("");
            let trimmed = line.trim_start_matches([' ', '\t']);
            if trimmed.starts_with(delim) {
                break (line_start, line.len() - trimmed.len());
            }
            line_start = line_end + 1;
        };
        let mut parts = Vec::new();
        let mut buf = String::new();
        let mut p = content_start;
        let mut at_line_start = true;
        while p < close_line {
            if at_line_start {
                let mut k = 0;
                while k < indent && matches!(self.byte(p), Some(b' ') | Some(b'\t')) {
                    p += 1;
                    k += 1;
                }
                at_line_start = false;
                continue;
            }
            let Some(c) = self.char_at(p) else { break };
            if c == '\\' && escapes {
                p = self.escape(p, &mut buf)?;
                continue;
            }
            if interp && c == '#' && self.byte(p + 1) == Some(b'{') {
                p = self.interpolated_part(p, &mut buf, &mut parts)?;
                continue;
            }
            if c == '\n' {
                at_line_start = true;
            }
            buf.push(c);
            p += c.len_utf8();
        }
        if !buf.is_empty() {
            parts.push(StrPart::Lit(buf));
        }
        self.pos = close_line + indent + delim.len();
        Ok(parts)
    }

    /// `~w(a b c)`, `~s(...)`, `~r/.../`, `~c(...)`, and uppercase raw variants.
    fn sigil(&mut self, start: usize) -> Result<Expr, SyntaxError> {
        let letter = self.char_at(start + 1).unwrap_or('s');
        let p = start + 2;
        let raw = letter.is_ascii_uppercase() || letter == 'r';
        let escapes = !raw;
        let interp = !raw && letter != 'w';
        let parts = if self.rest(p).starts_with("\"\"\"") {
            self.heredoc(p, "\"\"\"", escapes, interp)?
        } else if self.rest(p).starts_with("'''") {
            self.heredoc(p, "'''", escapes, interp)?
        } else {
            let Some(open) = self.char_at(p) else {
                return Err(self.err(start, p, "unterminated sigil", "sigil without delimiter", "write e.g. `~w(a b c)`").incomplete());
            };
            let (close, nest) = match open {
                '(' => (')', Some('(')),
                '[' => (']', Some('[')),
                '{' => ('}', Some('{')),
                '<' => ('>', Some('<')),
                '/' | '|' | '"' | '\'' => (open, None),
                _ => {
                    return Err(self.err(
                        start,
                        p + open.len_utf8(),
                        "invalid sigil delimiter",
                        "invalid sigil delimiter",
                        "use one of ( [ { < / | \" '",
                    ));
                }
            };
            let (parts, end) = self.delimited(start, p + 1, close, nest, escapes, interp)?;
            self.pos = end;
            parts
        };
        // Modifiers: trailing letters.
        let mod_start = self.pos;
        while self.byte(self.pos).is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        let modifiers = self.src.get(mod_start..self.pos).unwrap_or("").to_string();
        let span = Span::new(start, self.pos);
        Ok(match letter {
            'w' | 'W' => {
                let text = flatten(parts);
                let items = text
                    .split_whitespace()
                    .map(|w| {
                        let kind = if modifiers.contains('a') {
                            ExprKind::Atom(w.to_string())
                        } else if modifiers.contains('c') {
                            ExprKind::Charlist(w.to_string())
                        } else {
                            ExprKind::Str(w.to_string())
                        };
                        Expr::new(kind, span)
                    })
                    .collect();
                Expr::new(ExprKind::List(items, None), span)
            }
            'c' | 'C' => Expr::new(ExprKind::Charlist(flatten(parts)), span),
            // `~r/src/mods` is `Regex.compile!("src", "mods")`.
            'r' | 'R' => {
                let target = Expr::new(ExprKind::Alias("Regex".into()), span);
                let args = vec![parts_to_expr(parts, span), Expr::new(ExprKind::Str(modifiers), span)];
                Expr::new(ExprKind::Remote { target: Box::new(target), name: "compile!".into(), args, do_block: None }, span)
            }
            _ => parts_to_expr(parts, span),
        })
    }

    /// Lexes one token with logos at `start`.
    fn raw_token(&mut self, start: usize) -> Result<(), SyntaxError> {
        let rest = self.rest(start);
        let mut lx = Raw::lexer(rest);
        let raw = match lx.next() {
            Some(Ok(r)) => r,
            _ => {
                let c = self.char_at(start).unwrap_or('?');
                let end = start + c.len_utf8();
                return Err(self.err(
                    start,
                    end,
                    &format!("unexpected character `{c}`"),
                    "unexpected character",
                    "remove this character",
                ));
            }
        };
        let end = start + lx.span().end;
        let text = self.src.get(start..end).unwrap_or("");
        self.pos = end;
        let had_space_before = start > 0 && matches!(self.byte(start - 1), Some(b' ') | Some(b'\t'));
        // `[>>>: 2, &&&: 2]` (as in `import Bitwise, only: …`): an operator as a keyword key.
        if OPERATOR_NAMES.contains(&text) && self.kw_follows(end) {
            self.pos = end + 1;
            return self.push(start, Tok::Kw(text.to_string()), end + 1);
        }
        let tok = match raw {
            Raw::Ident => return self.identifier(start, end, text),
            Raw::Alias => return self.alias(start, end),
            Raw::Int => int_lit(text, 10, 0, start, end)?,
            Raw::Hex => int_lit(text, 16, 2, start, end)?,
            Raw::Oct => int_lit(text, 8, 2, start, end)?,
            Raw::Bin => int_lit(text, 2, 2, start, end)?,
            Raw::Float => {
                let clean: String = text.chars().filter(|&c| c != '_').collect();
                match clean.parse::<f64>() {
                    Ok(f) if f.is_finite() => Tok::Lit(Expr::new(ExprKind::Float(f), Span::new(start, end))),
                    _ => return Err(self.err(start, end, "invalid float", "float literal out of range", "use a smaller number")),
                }
            }
            Raw::Attr => {
                let name = text.get(1..).unwrap_or("").to_string();
                if self.np_follows(end) {
                    self.push(start, Tok::AttrNp(name), end)?;
                    return self.open_virtual(end);
                }
                Tok::Attr(name)
            }
            Raw::CaptureArg => match text.get(1..).and_then(|d| d.parse::<u32>().ok()) {
                Some(n) => Tok::CaptureArg(n),
                None => return Err(self.err(start, end, "invalid capture argument", "capture index too large", "use `&1`, `&2`, …")),
            },
            Raw::LParen => {
                self.open(FrameKind::Paren, start, end)?;
                Tok::LParen
            }
            Raw::RParen => {
                self.close(FrameKind::Paren, start, end)?;
                Tok::RParen
            }
            Raw::LBracket => {
                let access = !had_space_before
                    && self.toks.last().is_some_and(|(_, t, e)| *e == start && t.ends_value());
                self.open(FrameKind::Bracket, start, end)?;
                if access { Tok::AccessBracket } else { Tok::LBracket }
            }
            Raw::RBracket => {
                self.close(FrameKind::Bracket, start, end)?;
                Tok::RBracket
            }
            Raw::LBrace => {
                self.open(FrameKind::Brace, start, end)?;
                Tok::LBrace
            }
            Raw::RBrace => {
                self.close(FrameKind::Brace, start, end)?;
                Tok::RBrace
            }
            Raw::PercentBrace => {
                self.open(FrameKind::Brace, start, end)?;
                Tok::PercentBrace
            }
            Raw::Percent => Tok::Percent,
            Raw::LBin => {
                self.open(FrameKind::Bin, start, end)?;
                Tok::LBin
            }
            Raw::RBin => {
                self.close(FrameKind::Bin, start, end)?;
                Tok::RBin
            }
            Raw::Comma => Tok::Comma,
            Raw::Dot => {
                // `Kernel.+(1, 2)` and `&Kernel.>=/2`: an operator used as a remote
                // function's name.
                if let Some(op) = self.operator_name_at(end, |rest| rest.starts_with('(') || is_arity(rest)) {
                    self.push(start, Tok::Dot, end)?;
                    let op_end = end + op.len();
                    self.pos = op_end;
                    let name = op.to_string();
                    let tok = if self.byte(op_end) == Some(b'(') { Tok::ParenIdent(name) } else { Tok::Ident(name) };
                    return self.push(end, tok, op_end);
                }
                Tok::Dot
            }
            Raw::Semi => {
                self.close_virtual()?;
                Tok::Eol
            }
            Raw::Arrow => {
                self.close_virtual()?;
                Tok::Arrow
            }
            Raw::LeftArrow => Tok::LeftArrow,
            Raw::Backslashes => Tok::Backslashes,
            Raw::DoubleColon => Tok::DoubleColon,
            Raw::Bar => Tok::Bar,
            Raw::FatArrow => Tok::FatArrow,
            Raw::Match => Tok::Match,
            Raw::OrOr => Tok::OrOr,
            Raw::AndAnd => Tok::AndAnd,
            Raw::BorOp => Tok::BorOp,
            Raw::BandOp => Tok::BandOp,
            Raw::BslOp => Tok::BslOp,
            Raw::BsrOp => Tok::BsrOp,
            Raw::BnotOp => Tok::BnotOp,
            Raw::EqEq => Tok::EqEq,
            Raw::NotEq => Tok::NotEq,
            Raw::MatchRe => Tok::MatchRe,
            Raw::StrictEq => Tok::StrictEq,
            Raw::StrictNotEq => Tok::StrictNotEq,
            Raw::Lt => Tok::Lt,
            Raw::Gt => Tok::Gt,
            Raw::Le => Tok::Le,
            Raw::Ge => Tok::Ge,
            Raw::PipeOp => Tok::PipeOp,
            Raw::DotDot => Tok::DotDot,
            Raw::SlashSlash => Tok::SlashSlash,
            Raw::PlusPlus => Tok::PlusPlus,
            Raw::MinusMinus => Tok::MinusMinus,
            Raw::Concat => Tok::Concat,
            Raw::Plus => Tok::Plus,
            Raw::Minus => Tok::Minus,
            Raw::Star => Tok::Star,
            Raw::Slash => Tok::Slash,
            Raw::Pow => Tok::Pow,
            Raw::Bang => Tok::Bang,
            Raw::Caret => Tok::Caret,
            Raw::Amp => {
                // `&+/2`: capture of an operator; the operator becomes the function name.
                if let Some(op) = self.operator_name_at(end, is_arity) {
                    self.push(start, Tok::Amp, end)?;
                    let op_end = end + op.len();
                    self.pos = op_end;
                    return self.push(end, Tok::Ident(op.to_string()), op_end);
                }
                Tok::Amp
            }
        };
        self.push(start, tok, end)
    }

    /// The operator written at `pos` when what follows it satisfies `then` (used for
    /// `&+/2` and `Kernel.*(a, b)`, where an operator stands for a function name).
    fn operator_name_at(&self, pos: usize, then: impl Fn(&str) -> bool) -> Option<&'static str> {
        let rest = self.rest(pos);
        OPERATOR_NAMES.iter().copied().find(|op| rest.starts_with(op) && then(&rest[op.len()..]))
    }

    /// `Foo`, `Foo.Bar.Baz` (joined into one alias while the dots are glued to capitals).
    fn alias(&mut self, start: usize, mut end: usize) -> Result<(), SyntaxError> {
        while self.byte(end) == Some(b'.') && self.byte(end + 1).is_some_and(|b| b.is_ascii_uppercase()) {
            end += 2;
            while self.char_at(end).is_some_and(is_ident_char) {
                end += 1;
            }
        }
        self.pos = end;
        let name = self.src.get(start..end).unwrap_or("").to_string();
        if self.kw_follows(end) {
            self.pos = end + 1;
            return self.push(start, Tok::Kw(name), end + 1);
        }
        self.push(start, Tok::Alias(name), end)
    }

    /// `name:` followed by whitespace is a keyword key.
    fn kw_follows(&self, end: usize) -> bool {
        self.byte(end) == Some(b':')
            && self.byte(end + 1).is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    }

    fn identifier(&mut self, start: usize, end: usize, text: &str) -> Result<(), SyntaxError> {
        let name = text.to_string();
        if self.kw_follows(end) {
            self.pos = end + 1;
            return self.push(start, Tok::Kw(name), end + 1);
        }
        let after_dot = matches!(self.toks.last(), Some((_, Tok::Dot, _)));
        if !after_dot {
            let kw = match text {
                "do" => {
                    // `do` ends the arguments of the calls without parentheses before it, so
                    // the block belongs to the outermost one (`if foo a do` is `if(foo(a)) do`).
                    self.close_virtual()?;
                    self.push(start, Tok::Do, end)?;
                    return self.open(FrameKind::Do, start, end);
                }
                "fn" => {
                    self.push(start, Tok::Fn, end)?;
                    return self.open(FrameKind::Fn, start, end);
                }
                "end" => {
                    self.close(FrameKind::Do, start, end)?;
                    Some(Tok::End)
                }
                "else" => Some(Tok::Else),
                "after" => Some(Tok::After),
                "rescue" => Some(Tok::Rescue),
                "catch" => Some(Tok::Catch),
                "when" => Some(Tok::When),
                "and" => Some(Tok::And),
                "or" => Some(Tok::Or),
                "in" => Some(Tok::In),
                "not" => {
                    let ws = self.skip_spaces(end);
                    if ws > end && self.word_at(ws) == "in" {
                        self.pos = ws + 2;
                        return self.push(start, Tok::NotIn, ws + 2);
                    }
                    Some(Tok::Not)
                }
                "true" | "false" | "nil" => {
                    Some(Tok::Lit(Expr::new(ExprKind::Atom(name.clone()), Span::new(start, end))))
                }
                "__MODULE__" => Some(Tok::ModuleKw),
                _ => None,
            };
            if let Some(tok) = kw {
                if matches!(tok, Tok::Else | Tok::After | Tok::Rescue | Tok::Catch) {
                    self.close_virtual()?;
                }
                return self.push(start, tok, end);
            }
        }
        let tok = if self.byte(end) == Some(b'(') {
            Tok::ParenIdent(name)
        } else if self.do_follows(end) {
            Tok::DoIdent(name)
        } else if self.np_follows(end) {
            self.push(start, Tok::ParenIdent(name), end)?;
            return self.open_virtual(end);
        } else {
            Tok::Ident(name)
        };
        self.push(start, tok, end)
    }

    fn skip_spaces(&self, mut p: usize) -> usize {
        while matches!(self.byte(p), Some(b' ') | Some(b'\t')) {
            p += 1;
        }
        p
    }

    /// The identifier-like word at `p` (empty if none).
    fn word_at(&self, p: usize) -> &'s str {
        let rest = self.rest(p);
        let n = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
        let n = if rest.get(n..).is_some_and(|r| r.starts_with('?') || r.starts_with('!')) { n + 1 } else { n };
        rest.get(..n).unwrap_or("")
    }

    /// ` do` (not `do:`) follows, and no no-parentheses call at this level is waiting for it.
    fn do_follows(&self, end: usize) -> bool {
        let p = self.skip_spaces(end);
        if p == end || self.word_at(p) != "do" || self.kw_follows(p + 2) {
            return false;
        }
        !self.in_virtual()
    }

    /// Opens the virtual `(` after a call written without parentheses.
    fn open_virtual(&mut self, at: usize) -> Result<(), SyntaxError> {
        self.open(FrameKind::Virtual, at, at)?;
        self.push(at, Tok::LParen, at)
    }

    /// Whether the identifier ending at `end` is followed by a space and then something that
    /// starts an argument — making it a call without parentheses.
    fn np_follows(&self, end: usize) -> bool {
        let p = self.skip_spaces(end);
        if p == end {
            return false;
        }
        let Some(c) = self.char_at(p) else { return false };
        let next = self.byte(p + 1);
        let space_after = |b: Option<u8>| b.is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        match c {
            c if is_ident_start(c) || c.is_ascii_uppercase() => {
                let w = self.word_at(p);
                if self.kw_follows(p + w.len()) {
                    return true;
                }
                match w {
                    "do" | "end" | "else" | "after" | "rescue" | "catch" | "when" | "and" | "or" | "in" => false,
                    "not" => {
                        let q = self.skip_spaces(p + 3);
                        !(q > p + 3 && self.word_at(q) == "in")
                    }
                    _ => true,
                }
            }
            '0'..='9' | '"' | '\'' | '(' | '[' | '{' | '%' | '?' | '~' | '@' => true,
            ':' => next != Some(b':'),
            // `f <<1>>` is a call with a binary; `x <<< 2` is a shift.
            '<' => next == Some(b'<') && self.byte(p + 2) != Some(b'<'),
            '-' | '+' => !matches!(next, Some(b'-') | Some(b'+') | Some(b'>') | Some(b'=')) && !space_after(next),
            '!' => next != Some(b'=') && !space_after(next),
            '^' => !space_after(next),
            '&' => next != Some(b'&'),
            _ => false,
        }
    }
}

fn int_lit(text: &str, radix: u32, prefix: usize, start: usize, end: usize) -> Result<Tok, SyntaxError> {
    let digits: String = text.get(prefix..).unwrap_or("").chars().filter(|&c| c != '_').collect();
    let span = Span::new(start, end);
    if let Ok(n) = i64::from_str_radix(&digits, radix) {
        return Ok(Tok::Lit(Expr::new(ExprKind::Int(n), span)));
    }
    match BigInt::parse_bytes(digits.as_bytes(), radix) {
        Some(b) => Ok(Tok::Lit(Expr::new(
            match b.to_i64() {
                Some(n) => ExprKind::Int(n),
                None => ExprKind::BigInt(b),
            },
            span,
        ))),
        None => Err(SyntaxError::new(start, end, "invalid number", "invalid number literal", "check the digits")),
    }
}

/// Joins literal parts, ignoring interpolations (used where interpolation is not supported).
fn flatten(parts: Vec<StrPart>) -> String {
    let mut s = String::new();
    for p in parts {
        if let StrPart::Lit(l) = p {
            s.push_str(&l);
        }
    }
    s
}

fn parts_to_expr(mut parts: Vec<StrPart>, span: Span) -> Expr {
    let plain = parts.iter().all(|p| matches!(p, StrPart::Lit(_)));
    if plain {
        let s = flatten(std::mem::take(&mut parts));
        Expr::new(ExprKind::Str(s), span)
    } else {
        Expr::new(ExprKind::Interp(parts), span)
    }
}

/// 1-based line and column of a byte offset (for messages).
pub fn line_col(src: &str, pos: usize) -> (usize, usize) {
    let before = src.get(..pos).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(before.len(), |i| before.len() - i - 1) + 1;
    (line, col)
}

/// The operators that name functions (`&+/2`, `Kernel.+(1, 2)`, `[+: 1]`), longest first
/// so that a prefix (`<` of `<=`) is tried after the operator it begins.
const OPERATOR_NAMES: &[&str] = &[
    "===", "!==", "&&&", "|||", "<<<", ">>>", "~~~", "==", "!=", "<=", ">=", "<>", "++", "--", "&&", "||", "..", "**", "=~", "+", "-", "*", "/", "<", ">",
];

/// Whether `rest` starts with an arity, `/2`, as after the name in a capture `&+/2`.
fn is_arity(rest: &str) -> bool {
    rest.strip_prefix('/').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}
