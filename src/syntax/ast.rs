//! The abstract syntax tree: what the parser produces and the compiler consumes.
//!
//! The tree is deliberately close to Elixir's own quoted form. Constructs that Elixir
//! implements as macros (`if`, `case`, `def`, `defmodule`, `receive`, `try`, `for`, `with`, …)
//! are plain [`ExprKind::Call`]s here, carrying their `do`/`else`/`rescue`/… sections in a
//! [`DoBlock`]. The parser therefore needs no knowledge of which names are special; the
//! compiler decides. Keyword lists (`[a: 1]`, and trailing `key: value` arguments) are
//! desugared by the parser into lists of `{atom, value}` tuples, exactly as Elixir does.

use num_bigint::BigInt;

/// A byte range in the source text, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end as u32 }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An integer literal that fits in an `i64` (underscores already removed; `0x`, `0o`,
    /// `0b` prefixes and `?a` character literals already converted).
    Int(i64),
    /// An integer literal too large for `i64`.
    BigInt(BigInt),
    Float(f64),
    /// `:ok`, `:"with space"`, `true`, `false`, `nil`, and the key atoms of keyword lists.
    Atom(String),
    /// A string literal without interpolation, escapes already processed.
    Str(String),
    /// A string with `#{}` interpolation: literal parts and expressions, in order.
    Interp(Vec<StrPart>),
    /// A charlist literal `'abc'` (a list of code points).
    Charlist(String),
    /// A variable (or `_`, `_name`) in expression or pattern position.
    Var(String),
    /// A module alias: `IO`, `MyApp.Supervisor` (segments joined with `.`, no `Elixir.` prefix).
    Alias(String),
    /// `__MODULE__`.
    ModuleAttr(String),
    /// `@name` read (no value): the compiler substitutes the attribute's value.
    AttrRead(String),
    /// `[a, b | tail]`: items and an optional improper tail.
    List(Vec<Expr>, Option<Box<Expr>>),
    Tuple(Vec<Expr>),
    /// `%{k => v, a: 1}`: pairs in source order.
    Map(Vec<(Expr, Expr)>),
    /// `%{base | k => v}`.
    MapUpdate(Box<Expr>, Vec<(Expr, Expr)>),
    /// `%Name{a: 1}` and `%Name{base | a: 1}` (second field is the optional base).
    Struct(String, Option<Box<Expr>>, Vec<(Expr, Expr)>),
    /// `<<1, 2, x::binary>>`: the segments in order.
    Bitstring(Vec<Segment>),
    /// A binary operator: `a + b`, `a |> f()`, `a when g`, `a <- b`, `a \\ b`, `a in b`, …
    BinOp(BinOp, Box<Expr>, Box<Expr>),
    /// A unary operator: `-x`, `+x`, `!x`, `not x`.
    UnOp(UnOp, Box<Expr>),
    /// `pattern = value`.
    Match(Box<Expr>, Box<Expr>),
    /// `^var` in a pattern.
    Pin(Box<Expr>),
    /// A local call `name(args)`, `name args`, or `name args do … end`.
    /// Trailing keyword arguments are already folded into one final list argument.
    Call { name: String, args: Vec<Expr>, do_block: Option<DoBlock> },
    /// A remote call `Mod.name(args)`, `:erlang_mod.name(args)`, `expr.name(args)`.
    /// `target` is usually an `Alias` or an `Atom`; for `map.key` without parentheses see `Field`.
    Remote { target: Box<Expr>, name: String, args: Vec<Expr>, do_block: Option<DoBlock> },
    /// `expr.name` without parentheses where `expr` is not an alias or atom: map field access.
    Field(Box<Expr>, String),
    /// `fun.(args)`.
    DotCall(Box<Expr>, Vec<Expr>),
    /// `expr[key]` (Access).
    Access(Box<Expr>, Box<Expr>),
    /// `fn clauses end`.
    Fn(Vec<Clause>),
    /// `(a -> b; c -> d)`: clauses in parentheses. They mean something only as the value of a
    /// section keyword (`case x, do: (0 -> :zero; _ -> :other)`), where the parser turns the
    /// call's keyword list into a do-block; anywhere else the compiler rejects them.
    Stab(Vec<Clause>),
    /// `&Mod.fun/2`, `&fun/2` (module `None`).
    CaptureNamed { module: Option<Box<Expr>>, name: String, arity: u32 },
    /// `&(&1 + 1)`, `& &1`, `&{&1, &2}`: the body containing `CaptureArg`s.
    Capture(Box<Expr>),
    /// `&1`, `&2`, … inside a capture.
    CaptureArg(u32),
    /// `@name value` — a module attribute definition.
    AttrDef(String, Box<Expr>),
    /// A sequence of expressions (`(a; b)`, a `do` body, a whole file).
    Block(Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum StrPart {
    Lit(String),
    Expr(Expr),
}

/// One segment of a bitstring, `value::spec`.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub value: Expr,
    /// The text after `::` (`binary-size(4)`), parsed by the compiler; `None` if absent.
    /// A size that is an expression (`size(n * 8)`) appears in it as `size(@)`.
    pub spec: Option<String>,
    /// The expression of `size(…)` when it is neither a number nor a variable.
    pub size: Option<Expr>,
}

/// The sections of a `do … end` block, in source order: `("do", …)` first, then any of
/// `else`, `rescue`, `catch`, `after`. A `do:` keyword argument (`if x, do: 1, else: 2`)
/// stays a keyword list in `args`; the compiler accepts both forms.
#[derive(Clone, Debug, PartialEq)]
pub struct DoBlock {
    pub sections: Vec<(String, Body)>,
    pub span: Span,
}

/// The body of one `do`-block section: either plain expressions or `->` clauses.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Plain expressions; an empty section (`do end`) is an empty `Block`.
    Exprs(Expr),
    /// `pattern -> body` clauses (`case`, `receive`, `cond`, `rescue`, `catch`, `after`,
    /// `with`'s `else`, a multi-clause `fn`).
    Clauses(Vec<Clause>),
}

/// One `args -> body` clause. `args` has one element for `case`/`receive`, any number for
/// `fn` (`fn a, b -> … end`, `fn -> … end`). A `when` guard is split off into `guard`.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    pub args: Vec<Expr>,
    pub guard: Option<Expr>,
    pub body: Expr,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    /// `**` (Elixir 1.13+ integer power).
    Pow,
    Concat,     // <>
    ListConcat, // ++
    ListSub,    // --
    Range,      // ..
    RangeStep,  // ..// (left is a Range)
    Eq,         // ==
    NotEq,      // !=
    StrictEq,   // ===
    StrictNotEq, // !==
    Lt,
    Gt,
    Le,
    Ge,
    And,     // and
    Or,      // or
    AndAnd,  // &&
    OrOr,    // ||
    Pipe,    // |>
    In,      // in
    NotIn,   // not in
    When,    // when (guards)
    Arrow,   // <- (for / with generators)
    Default, // \\ (default arguments)
    MatchRe, // =~
    Type,    // :: (bitstring specs)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Plus,
    /// `!x`
    Bang,
    /// `not x`
    Not,
}
