//! The bytecode compiler: AST in, `Chunk`s out.
//!
//! One pass over the tree per function. Variables live in numbered local slots; every
//! binding gets a fresh slot (Elixir rebinding creates a new variable), so closures can copy
//! captured values at creation time without aliasing problems. Patterns compile to the
//! `Match*` test-and-branch ops (see `pattern.rs`), never to a runtime pattern interpreter.
//! Constructs Elixir implements as macros (`if`, `case`, `for`, `with`, …) are recognised
//! here by name and compiled to jumps; `for` is lowered to calls of `Enum.flat_map/2`.

mod pattern;
mod protocol;
mod liveness;
mod peephole;
mod special;
mod switch;

use std::collections::HashMap;
use std::sync::Arc;

use miette::Diagnostic;

use crate::bytecode::{Chunk, FunctionDef, Lambda, ModuleDef, Op, MAX_ARGS, MAX_LOCALS};
use crate::syntax::ast::{BinOp, Body, Clause, DoBlock, Expr, ExprKind, Span, UnOp};
use crate::term::{Atom, Term};
use crate::vm::code;
use crate::vm::natives;

/// A compile error: an unbound variable, an undefined local function, a malformed form.
#[derive(Debug, Diagnostic)]
#[diagnostic(code(vial::compile_error))]
pub struct CompileError {
    pub message: String,
    #[label("{label}")]
    pub span: miette::SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

impl CompileError {
    fn new(span: Span, message: impl Into<String>, label: impl Into<String>) -> CompileError {
        CompileError {
            message: message.into(),
            span: (span.start as usize, (span.end - span.start) as usize).into(),
            label: label.into(),
            help: None,
        }
    }
    fn help(mut self, h: impl Into<String>) -> CompileError {
        self.help = Some(h.into());
        self
    }
}

type CResult<T = ()> = Result<T, CompileError>;

/// Compiles a whole file (a script, or what the REPL was given) to a zero-arity chunk.
pub fn compile_script(ast: &Expr, source: &str, file: &str) -> CResult<Arc<Chunk>> {
    let mut c = Compiler::new(source, file);
    c.fns.push(FnState::new(None, Atom::intern("__script__"), 0));
    c.expr(ast, true)?;
    c.emit(Op::Return, ast.span);
    Ok(c.finish_fn())
}

/// Compiles one REPL input as a function of the session's bindings: it takes the values of
/// `names` as arguments and returns `{value, {binding values…}}`, whose names (the second
/// result) become the bindings of the next input. `imports` are modules whose functions are
/// callable without a prefix (the shell's helpers).
pub fn compile_repl(ast: &Expr, source: &str, file: &str, names: &[String], imports: &[Atom]) -> CResult<(Arc<Chunk>, Vec<String>)> {
    let mut c = Compiler::new(source, file);
    for m in imports {
        c.module.imports.push((*m, None));
    }
    c.fns.push(FnState::new(None, Atom::intern("__script__"), names.len() as u32));
    for (i, n) in names.iter().enumerate() {
        c.bind_var(n, i as u16);
    }
    c.expr(ast, false)?;
    // Collect the latest binding of every visible name, in a stable order.
    let mut visible: Vec<(String, u16)> = Vec::new();
    if let Some(scope) = c.fns.last().and_then(|f| f.scopes.first()) {
        for (n, slot) in scope {
            if n.starts_with('_') {
                continue;
            }
            match visible.iter_mut().find(|(m, _)| m == n) {
                Some(v) => v.1 = *slot,
                None => visible.push((n.clone(), *slot)),
            }
        }
    }
    let sp = ast.span;
    for (_, slot) in &visible {
        c.emit(Op::Load(*slot), sp);
    }
    c.emit(Op::MakeTuple(visible.len() as u32), sp);
    c.emit(Op::MakeTuple(2), sp);
    c.emit(Op::Return, sp);
    let chunk = c.finish_fn();
    Ok((chunk, visible.into_iter().map(|(n, _)| n).collect()))
}

/// Per-module compile state.
#[derive(Clone, Default)]
struct ModuleCtx {
    name: Option<Atom>,
    /// Functions this module defines: `(name, arity)`.
    defined: std::collections::HashSet<(String, u32)>,
    /// `alias Foo.Bar` → `Bar` = `Foo.Bar`.
    aliases: HashMap<String, String>,
    /// Imported modules (`import Enum`), with an optional `only:` list.
    imports: Vec<(Atom, Option<Vec<(String, u32)>>)>,
    /// Module attribute values, as written.
    attrs: Arc<HashMap<String, Expr>>,
    lambda_count: u32,
}

struct FnState {
    chunk: Chunk,
    scopes: Vec<Vec<(String, u16)>>,
    next_slot: usize,
    depth: i32,
    /// For lambdas: which captured outer variable fills which inner slot.
    captures: Vec<(String, u16)>,
    parent: (Atom, u32),
}

impl FnState {
    fn new(module: Option<Atom>, name: Atom, arity: u32) -> FnState {
        let chunk = Chunk { module, name: Some(name), arity, ..Default::default() };
        FnState {
            chunk,
            scopes: vec![Vec::new()],
            next_slot: arity as usize,
            depth: 0,
            captures: Vec::new(),
            parent: (name, arity),
        }
    }
}

pub(crate) struct Compiler<'s> {
    _src: std::marker::PhantomData<&'s str>,
    file: Arc<str>,
    fns: Vec<FnState>,
    module: ModuleCtx,
    /// Line start offsets, to turn spans into line numbers.
    line_starts: Vec<usize>,
    /// The public functions of modules compiled earlier in this source, which are not loaded
    /// yet while the rest compiles: `import` of a module defined above must still find them.
    compiled: HashMap<Atom, Vec<(Atom, u32)>>,
}

/// A label: a forward jump whose target is patched later.
#[derive(Clone, Copy)]
struct Label(usize);

impl<'s> Compiler<'s> {
    fn new(source: &'s str, file: &str) -> Compiler<'s> {
        let mut line_starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        Compiler { file: Arc::from(file), fns: Vec::new(), module: ModuleCtx::default(), line_starts, compiled: HashMap::new(), _src: std::marker::PhantomData }
    }

    fn f(&mut self) -> &mut FnState {
        // `fns` is never empty while compiling: every entry point pushes a state first.
        let n = self.fns.len();
        &mut self.fns[n - 1]
    }

    fn line_of(&self, span: Span) -> u32 {
        match self.line_starts.binary_search(&(span.start as usize)) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    // ---------------------------------------------------------------- emission

    fn emit(&mut self, op: Op, span: Span) -> usize {
        let line = self.line_of(span);
        let eff = stack_effect(&op);
        let f = self.f();
        f.depth += eff;
        f.chunk.ops.push(op);
        f.chunk.lines.push(line);
        f.chunk.ops.len() - 1
    }

    fn here(&mut self) -> u32 {
        self.f().chunk.ops.len() as u32
    }

    fn depth(&mut self) -> i32 {
        self.f().depth
    }

    fn set_depth(&mut self, d: i32) {
        self.f().depth = d;
    }

    /// Emits a jump-like op whose target is patched by `bind`.
    fn emit_jump(&mut self, op: Op, span: Span) -> Label {
        Label(self.emit(op, span))
    }

    /// Points the jump at `label` to the current position.
    fn bind(&mut self, label: Label) {
        let here = self.here();
        let f = self.f();
        if let Some(op) = f.chunk.ops.get_mut(label.0) {
            patch_target(op, here);
        }
    }

    fn bind_all(&mut self, labels: &[Label]) {
        for l in labels {
            self.bind(*l);
        }
    }

    fn constant(&mut self, t: Term) -> u32 {
        let consts = &mut self.f().chunk.consts;
        // Small constant tables make a linear scan for atoms and small values cheap; large
        // literals are rare enough that duplicates do not matter.
        if consts.len() < 256 {
            // `0.0 === -0.0`, but the two print differently: floats are shared only when
            // their bits agree.
            let same = |c: &Term| match (c, &t) {
                (Term::Float(x), Term::Float(y)) => x.to_bits() == y.to_bits(),
                _ => c == &t && same_kind(c, &t),
            };
            if let Some(i) = consts.iter().position(same) {
                return i as u32;
            }
        }
        consts.push(t);
        (consts.len() - 1) as u32
    }

    fn push_const(&mut self, t: Term, span: Span) {
        match t {
            Term::Int(i) if i32::try_from(i).is_ok() => {
                self.emit(Op::SmallInt(i as i32), span);
            }
            Term::Atom(a) if a == Atom::NIL => {
                self.emit(Op::Nil, span);
            }
            t => {
                let k = self.constant(t);
                self.emit(Op::Const(k), span);
            }
        }
    }

    fn new_slot(&mut self, span: Span) -> CResult<u16> {
        let f = self.f();
        if f.next_slot >= MAX_LOCALS {
            return Err(CompileError::new(span, "too many variables in one function", "here")
                .help(format!("a function may use at most {MAX_LOCALS} variables; split it up")));
        }
        let s = f.next_slot as u16;
        f.next_slot += 1;
        Ok(s)
    }

    fn bind_var(&mut self, name: &str, slot: u16) {
        if let Some(scope) = self.f().scopes.last_mut() {
            scope.push((name.to_string(), slot));
        }
    }

    fn push_scope(&mut self) {
        self.f().scopes.push(Vec::new());
    }

    fn pop_scope(&mut self) {
        self.f().scopes.pop();
    }

    /// Finds a variable, capturing it from enclosing functions into lambdas as needed.
    fn lookup(&mut self, name: &str) -> Option<u16> {
        self.lookup_in(self.fns.len().checked_sub(1)?, name)
    }

    fn lookup_in(&mut self, level: usize, name: &str) -> Option<u16> {
        let f = self.fns.get(level)?;
        for scope in f.scopes.iter().rev() {
            if let Some((_, s)) = scope.iter().rev().find(|(n, _)| n == name) {
                return Some(*s);
            }
        }
        if let Some((_, s)) = f.captures.iter().find(|(n, _)| n == name) {
            return Some(*s);
        }
        // Only lambdas (levels above a named function or the script) capture.
        if level == 0 || !self.is_lambda_level(level) {
            return None;
        }
        self.lookup_in(level - 1, name)?;
        let f = self.fns.get_mut(level)?;
        if f.next_slot >= MAX_LOCALS {
            return None;
        }
        let slot = f.next_slot as u16;
        f.next_slot += 1;
        f.captures.push((name.to_string(), slot));
        Some(slot)
    }

    fn is_lambda_level(&self, level: usize) -> bool {
        self.fns.get(level).is_some_and(|f| f.chunk.name.is_none())
    }

    fn finish_fn(&mut self) -> Arc<Chunk> {
        let mut f = self.fns.pop().unwrap_or_else(|| FnState::new(None, Atom::NIL, 0));
        f.chunk.nlocals = f.next_slot.min(MAX_LOCALS) as u16;
        peephole::fuse(&mut f.chunk.ops);
        liveness::mark_moves(&mut f.chunk.ops, f.chunk.arity, f.chunk.nlocals);
        f.chunk.file = self.file.clone();
        Arc::new(f.chunk)
    }

    // ---------------------------------------------------------------- expressions

    /// Compiles `e`, leaving exactly one value on the stack. `tail` marks tail position,
    /// where calls become `TailCall`s.
    fn expr(&mut self, e: &Expr, tail: bool) -> CResult {
        let sp = e.span;
        match &e.kind {
            ExprKind::Int(i) => self.push_const(Term::Int(*i), sp),
            ExprKind::BigInt(b) => self.push_const(Term::from_bigint(b.clone()), sp),
            ExprKind::Float(f) => self.push_const(Term::Float(*f), sp),
            ExprKind::Atom(a) => self.push_const(Term::Atom(Atom::intern(a)), sp),
            ExprKind::Str(s) => self.push_const(Term::str(s), sp),
            ExprKind::Charlist(s) => {
                self.push_const(Term::list(s.chars().map(|c| Term::Int(c as i64)).collect()), sp)
            }
            ExprKind::Interp(parts) => {
                let n = parts.len();
                for p in parts {
                    match p {
                        crate::syntax::ast::StrPart::Lit(s) => self.push_const(Term::str(s), sp),
                        crate::syntax::ast::StrPart::Expr(x) => self.expr(x, false)?,
                    }
                }
                // Interpolating a value with no built-in conversion jumps to a slow path
                // placed behind the op, so the dispatch loop never calls into the language.
                let n = u16::try_from(n).map_err(|_| CompileError::new(sp, "too many interpolated parts", "in this string"))?;
                let d = self.depth();
                let slow = self.emit_jump(Op::Interp { n, fallback: 0 }, sp);
                let end = self.emit_jump(Op::Jump(0), sp);
                self.set_depth(d);
                self.bind(slow);
                self.emit(Op::MakeList(u32::from(n)), sp);
                let slot = code::table().slot(Atom::intern("Elixir.Kernel.Internal"), Atom::intern("interpolate"), 1);
                self.emit(Op::Call { slot, argc: 1 }, sp);
                self.bind(end);
            }
            ExprKind::Var(name) => self.var(name, sp, tail)?,
            ExprKind::Alias(name) => {
                let a = self.resolve_alias(name);
                self.push_const(Term::Atom(a), sp)
            }
            ExprKind::ModuleAttr(_) => match self.module.name {
                Some(m) => self.push_const(Term::Atom(m), sp),
                None => self.emit_nil(sp),
            },
            ExprKind::AttrRead(name) => match self.module.attrs.get(name).cloned() {
                Some(v) => self.expr(&v, false)?,
                None => self.emit_nil(sp),
            },
            ExprKind::AttrDef(..) => {
                return Err(CompileError::new(sp, "module attributes can only be set inside a module", "here")
                    .help("move this `@attribute` into a `defmodule` body"));
            }
            ExprKind::List(items, tail_e) => {
                if let Some(t) = self.const_value(e) {
                    self.push_const(t, sp);
                    return Ok(());
                }
                for it in items {
                    self.expr(it, false)?;
                }
                match tail_e {
                    Some(t) => {
                        self.expr(t, false)?;
                        self.emit(Op::MakeListTail(items.len() as u32), sp);
                    }
                    None => {
                        self.emit(Op::MakeList(items.len() as u32), sp);
                    }
                }
            }
            ExprKind::Tuple(items) => {
                if let Some(t) = self.const_value(e) {
                    self.push_const(t, sp);
                    return Ok(());
                }
                for it in items {
                    self.expr(it, false)?;
                }
                self.emit(Op::MakeTuple(items.len() as u32), sp);
            }
            ExprKind::Map(pairs) => {
                if let Some(t) = self.const_value(e) {
                    self.push_const(t, sp);
                    return Ok(());
                }
                for (k, v) in pairs {
                    self.expr(k, false)?;
                    self.expr(v, false)?;
                }
                self.emit(Op::MakeMap(pairs.len() as u32), sp);
            }
            ExprKind::MapUpdate(base, pairs) => {
                self.expr(base, false)?;
                for (k, v) in pairs {
                    self.expr(k, false)?;
                    self.expr(v, false)?;
                }
                self.emit(Op::UpdateMap(pairs.len() as u32), sp);
            }
            ExprKind::Struct(name, base, pairs) => self.struct_literal(name, base.as_deref(), pairs, sp)?,
            ExprKind::Bitstring(items) if items.len() > 1 && self.is_unsized_binary(&items[0]) => {
                // `<<acc::binary, …>>` is `acc <> <<…>>`, so that an accumulator no one else
                // holds is appended to in place (`Concat`), as the BEAM appends to the binary
                // it built last: building a binary in a loop stays linear.
                let (first, _) = pattern::segment_parts(&items[0]);
                self.expr(first, false)?;
                let rest = Expr::new(ExprKind::Bitstring(items[1..].to_vec()), sp);
                self.expr(&rest, false)?;
                self.emit(Op::Concat, sp);
            }
            ExprKind::Bitstring(items) => {
                // `<<"a", x::binary, n::16, c::utf8>>`: the values (each followed by its size
                // when that is a variable) as one list, their packed specs as another.
                let mut specs = Vec::with_capacity(items.len());
                let mut pushed = 0u32;
                let items = self.join_sub_byte_groups(items);
                for segment in &items {
                    let (it, text) = pattern::segment_parts(segment);
                    let mut spec = self.segment_spec(it, text.as_deref())?;
                    if let (ExprKind::Str(lit), crate::bitstring::Kind::Utf8 | crate::bitstring::Kind::Utf16 | crate::bitstring::Kind::Utf32) = (&it.kind, spec.kind) {
                        // `<<"é"::utf8>>` is the string itself; in utf16/32, each of its characters.
                        if spec.kind == crate::bitstring::Kind::Utf8 {
                            spec = crate::bitstring::Spec::BINARY;
                        } else {
                            for c in lit.chars() {
                                let k = self.constant(Term::Int(c as i64));
                                self.emit(Op::Const(k), it.span);
                                pushed += 1;
                                specs.push(Term::Int(spec.pack()));
                            }
                            continue;
                        }
                    }
                    self.expr(it, false)?;
                    pushed += 1;
                    match (&spec.size, &segment.size) {
                        (crate::bitstring::SizeExpr::Var(name), _) => {
                            self.expr(&Expr::new(ExprKind::Var(name.clone()), it.span), false)?;
                            pushed += 1;
                        }
                        (crate::bitstring::SizeExpr::Expr, Some(size)) => {
                            self.expr(size, false)?;
                            pushed += 1;
                        }
                        _ => {}
                    }
                    specs.push(Term::Int(spec.pack()));
                }
                self.emit(Op::MakeList(pushed), sp);
                let k = self.constant(Term::list(specs));
                self.emit(Op::Const(k), sp);
                let id = self.native_id("Kernel", "__bitstring__", 2, sp)?;
                self.emit(Op::Native { id, argc: 2 }, sp);
            }
            ExprKind::BinOp(op @ (BinOp::Range | BinOp::RangeStep), ..) if let Some(t) = self.const_value(e) => {
                // `?0..?9` in a guard or a loop: one shared struct instead of a native call
                // building a map each time.
                let _ = op;
                self.push_const(t, sp);
            }
            ExprKind::BinOp(BinOp::In, ..) if let Some(t) = in_range_test(e) => self.expr(&t, tail)?,
            ExprKind::BinOp(op, l, r) => self.binop(*op, l, r, sp, tail)?,
            ExprKind::UnOp(op, x) => self.unop(*op, x, sp)?,
            ExprKind::Match(pat, value) => {
                self.expr(value, false)?;
                self.emit(Op::Dup, sp);
                let d = self.depth() - 1;
                let mut fails = Vec::new();
                let bound = self.pattern(pat, &mut fails)?;
                for (n, s) in bound {
                    self.bind_var(&n, s);
                }
                if !fails.is_empty() {
                    let ok = self.emit_jump(Op::Jump(0), sp);
                    self.bind_all(&fails);
                    self.set_depth(d);
                    self.emit(Op::SetSp(0), sp);
                    self.fix_setsp(d);
                    let k = self.constant(Term::Atom(Atom::ELIXIR_MATCH_ERROR));
                    self.emit(Op::Dup, sp); // keep the depth bookkeeping even
                    self.emit(Op::Pop, sp);
                    self.emit(Op::RaiseClause(k), sp);
                    // The success path joins here with the value left on the stack: depth `d`.
                    self.set_depth(d);
                    self.bind(ok);
                }
            }
            ExprKind::Pin(_) => {
                return Err(CompileError::new(sp, "cannot use ^ outside of a pattern", "pin operator here")
                    .help("`^x` matches against the current value of `x`; use it on the left of `=`, in `case` or function heads"));
            }
            ExprKind::Call { name, args, do_block } => self.local_call(name, args, do_block.as_ref(), sp, tail)?,
            ExprKind::Remote { target, name, args, do_block } => {
                if do_block.is_some() {
                    return Err(CompileError::new(sp, "unexpected do block", "this call does not take a `do` block"));
                }
                self.remote_call(target, name, args, sp, tail)?
            }
            ExprKind::Field(target, name) => {
                if let ExprKind::Alias(_) | ExprKind::Atom(_) = target.kind {
                    return self.remote_call(target, name, &[], sp, tail);
                }
                self.expr(target, false)?;
                let k = self.constant(Term::Atom(Atom::intern(name)));
                self.emit(Op::Field(k), sp);
            }
            ExprKind::DotCall(fun, args) => {
                // The function value goes on top of its arguments (see `Op::CallFun`). A
                // variable is loaded after them when they are variables or literals, which
                // cannot rebind it (`f.(f = g)` must call the old `f`); otherwise the function
                // expression is evaluated first, as in Elixir, and kept in a temporary.
                let plain = |a: &Expr| {
                    matches!(a.kind, ExprKind::Var(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Atom(_) | ExprKind::Str(_))
                };
                match &fun.kind {
                    ExprKind::Var(name) if args.iter().all(plain) && self.lookup(name).is_some() => {
                        self.args(args, sp)?;
                        self.expr(fun, false)?;
                    }
                    _ => {
                        self.expr(fun, false)?;
                        let tmp = self.new_slot(sp)?;
                        self.emit(Op::Store(tmp), sp);
                        self.args(args, sp)?;
                        self.emit(Op::Load(tmp), sp);
                    }
                }
                let argc = args.len() as u8;
                self.emit(if tail { Op::TailCallFun { argc } } else { Op::CallFun { argc } }, sp);
            }
            ExprKind::Access(target, key) => {
                self.expr(target, false)?;
                self.expr(key, false)?;
                let id = self.native_id("Access", "get", 2, sp)?;
                self.emit(Op::Native { id, argc: 2 }, sp);
            }
            ExprKind::Fn(clauses) => self.lambda(clauses, sp)?,
            ExprKind::Stab(_) => {
                return Err(CompileError::new(sp, "unhandled operator ->", "clauses in parentheses")
                    .help("`(pattern -> expr; …)` is only the value of `do:`, `else:` or `after:`, as in `case x, do: (0 -> :zero; _ -> :other)`"))
            }
            ExprKind::CaptureNamed { module, name, arity } => self.capture_named(module.as_deref(), name, *arity, sp)?,
            ExprKind::Capture(body) => self.capture(body, sp)?,
            ExprKind::CaptureArg(_) => {
                return Err(CompileError::new(sp, "capture argument outside of a capture", "`&N` used here")
                    .help("`&1` is only valid inside `&(...)`"));
            }
            ExprKind::Block(items) => self.block(items, sp, tail)?,
        }
        Ok(())
    }

    fn emit_nil(&mut self, sp: Span) {
        self.emit(Op::Nil, sp);
    }

    /// After a `SetSp(0)` placeholder was emitted at depth `d`, writes the real depth.
    fn fix_setsp(&mut self, d: i32) {
        let f = self.f();
        if let Some(op) = f.chunk.ops.last_mut() {
            *op = Op::SetSp(d.max(0) as u16);
        }
        f.depth = d;
    }

    /// Emits `SetSp` to reset the operand stack to depth `d`.
    fn reset_to(&mut self, d: i32, sp: Span) {
        self.emit(Op::SetSp(d.max(0) as u16), sp);
        self.set_depth(d);
    }

    fn block(&mut self, items: &[Expr], sp: Span, tail: bool) -> CResult {
        if items.is_empty() {
            self.emit_nil(sp);
            return Ok(());
        }
        let last = items.len() - 1;
        for (i, it) in items.iter().enumerate() {
            if let ExprKind::Call { name, args, do_block } = &it.kind {
                if self.top_level_form(name, args, do_block.as_ref(), it.span)? {
                    if i == last {
                        // `alias`/`import` evaluate to something; keep the one-value invariant.
                    } else {
                        self.emit(Op::Pop, it.span);
                    }
                    continue;
                }
            }
            if i != last {
                // `x = expr` as a statement: its value is bound and then dropped, so store it
                // straight away rather than `Dup`, `Store`, `Pop` (two dispatches saved on
                // the commonest line of a function body). A lone variable cannot fail to
                // match, so no copy is needed for a MatchError either.
                if let ExprKind::Match(pat, value) = &it.kind
                    && let ExprKind::Var(_) = &pat.kind
                {
                    self.expr(value, false)?;
                    let mut fails = Vec::new();
                    for (n, s) in self.pattern(pat, &mut fails)? {
                        self.bind_var(&n, s);
                    }
                    continue;
                }
            }
            self.expr(it, tail && i == last)?;
            if i != last {
                self.emit(Op::Pop, it.span);
            }
        }
        Ok(())
    }

    /// `alias`, `import`, `require` and `defmodule` in a block. Returns `true` when handled
    /// (a value has been pushed).
    fn top_level_form(&mut self, name: &str, args: &[Expr], do_block: Option<&DoBlock>, sp: Span) -> CResult<bool> {
        match name {
            "alias" | "import" | "require" if !args.is_empty() => {
                self.directive(name, args, sp)?;
                Ok(true)
            }
            "defmodule" => {
                self.defmodule(args, do_block, sp)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn directive(&mut self, name: &str, args: &[Expr], sp: Span) -> CResult {
        let target = match args.first().map(|a| &a.kind) {
            Some(ExprKind::Alias(n)) => n.clone(),
            Some(ExprKind::Atom(n)) => format!(":{n}"),
            _ => return Err(CompileError::new(sp, format!("invalid {name}"), "expected a module name")),
        };
        let opts = args.get(1).and_then(keyword_pairs).unwrap_or_default();
        match name {
            "alias" => {
                let full = self.expand_alias(&target);
                let short = match opts.iter().find(|(k, _)| k == "as") {
                    Some((_, e)) => match &e.kind {
                        ExprKind::Alias(a) => a.clone(),
                        _ => return Err(CompileError::new(e.span, "invalid alias :as", "expected a module name")),
                    },
                    None => full.rsplit('.').next().unwrap_or(&full).to_string(),
                };
                self.module.aliases.insert(short, full.clone());
                self.push_const(Term::Atom(Atom::alias(&full)), sp);
            }
            "import" => {
                let m = if let Some(erl) = target.strip_prefix(':') { Atom::intern(erl) } else { self.resolve_alias(&target) };
                let only = opts.iter().find(|(k, _)| k == "only").map(|(_, e)| {
                    keyword_pairs(e)
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|(k, v)| match v.kind {
                            ExprKind::Int(n) => Some((k, n as u32)),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                });
                self.module.imports.push((m, only));
                self.push_const(Term::Atom(m), sp);
            }
            _ => {
                let m = self.resolve_alias(&target);
                self.push_const(Term::Atom(m), sp);
            }
        }
        Ok(())
    }

    fn expand_alias(&self, name: &str) -> String {
        let (first, rest) = match name.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (name, None),
        };
        match self.module.aliases.get(first) {
            Some(full) => match rest {
                Some(r) => format!("{full}.{r}"),
                None => full.clone(),
            },
            None => name.to_string(),
        }
    }

    fn resolve_alias(&self, name: &str) -> Atom {
        Atom::alias(&self.expand_alias(name))
    }

    fn var(&mut self, name: &str, sp: Span, tail: bool) -> CResult {
        if let Some(slot) = self.lookup(name) {
            self.emit(Op::Load(slot), sp);
            return Ok(());
        }
        if name.starts_with('_') {
            return Err(CompileError::new(sp, format!("invalid use of _ variable \"{name}\""), "this variable is ignored")
                .help("variables starting with `_` can be bound but not read"));
        }
        // A bare name that is not a variable is a zero-arity call, as in Elixir.
        match self.try_local_call(name, &[], sp, tail)? {
            true => Ok(()),
            false => Err(CompileError::new(sp, format!("undefined variable \"{name}\""), "not bound here")
                .help(format!("bind `{name}` before using it, or call a function of that name with parentheses"))),
        }
    }

    fn args(&mut self, args: &[Expr], sp: Span) -> CResult {
        if args.len() > MAX_ARGS {
            return Err(CompileError::new(sp, "too many arguments", "in this call")
                .help(format!("at most {MAX_ARGS} arguments are allowed")));
        }
        for a in args {
            self.expr(a, false)?;
        }
        Ok(())
    }

    fn binop(&mut self, op: BinOp, l: &Expr, r: &Expr, sp: Span, tail: bool) -> CResult {
        let simple = match op {
            BinOp::Add => Some(Op::Add),
            BinOp::Sub => Some(Op::Sub),
            BinOp::Mul => Some(Op::Mul),
            BinOp::Div => Some(Op::Div),
            BinOp::Eq => Some(Op::Eq),
            BinOp::NotEq => Some(Op::NotEq),
            BinOp::StrictEq => Some(Op::StrictEq),
            BinOp::StrictNotEq => Some(Op::StrictNotEq),
            BinOp::Lt => Some(Op::Lt),
            BinOp::Gt => Some(Op::Gt),
            BinOp::Le => Some(Op::Le),
            BinOp::Ge => Some(Op::Ge),
            BinOp::Concat => Some(Op::Concat),
            BinOp::ListConcat => Some(Op::ListConcat),
            BinOp::ListSub => Some(Op::ListSub),
            BinOp::In => Some(Op::In),
            _ => None,
        };
        if let Some(o) = simple {
            self.expr(l, false)?;
            self.expr(r, false)?;
            self.emit(o, sp);
            return Ok(());
        }
        match op {
            BinOp::NotIn => {
                self.expr(l, false)?;
                self.expr(r, false)?;
                self.emit(Op::In, sp);
                self.emit(Op::Not, sp);
            }
            BinOp::Pow => self.call_native_or_err("Kernel", "**", &[l.clone(), r.clone()], sp)?,
            BinOp::MatchRe => self.call_native_or_err("Kernel", "=~", &[l.clone(), r.clone()], sp)?,
            BinOp::Range => {
                // Without `//step`, Elixir 1.14 infers a step of -1 for a decreasing range.
                let args = vec![l.clone(), r.clone()];
                self.call_native_or_err("Kernel", "__range__", &args, sp)?
            }
            BinOp::RangeStep => match &l.kind {
                ExprKind::BinOp(BinOp::Range, a, b) => {
                    let args = vec![(**a).clone(), (**b).clone(), r.clone()];
                    self.call_native_or_err("Kernel", "__range__", &args, sp)?
                }
                _ => return Err(CompileError::new(sp, "`//` must follow a range", "here").help("write `first..last//step`")),
            },
            // With a left side that is a boolean for certain (a comparison, a type test),
            // there is nothing to check or keep: branch on it, so that the comparison fuses
            // with the jump, and push the constant result on the short path.
            BinOp::And | BinOp::AndAnd | BinOp::Or | BinOp::OrOr if boolean_valued(l) => {
                let and = matches!(op, BinOp::And | BinOp::AndAnd);
                let d = self.depth();
                self.expr(l, false)?;
                let short = self.emit_jump(if and { Op::JumpIfFalsy(0) } else { Op::JumpIfTruthy(0) }, sp);
                self.expr(r, tail)?;
                let end = self.emit_jump(Op::Jump(0), sp);
                self.set_depth(d);
                self.bind(short);
                self.push_const(Term::bool(!and), sp);
                self.bind(end);
            }
            BinOp::And | BinOp::AndAnd => {
                self.expr(l, false)?;
                if op == BinOp::And {
                    self.emit(Op::CheckBool, sp);
                }
                self.emit(Op::Dup, sp);
                let short = self.emit_jump(Op::JumpIfFalsy(0), sp);
                self.emit(Op::Pop, sp);
                self.expr(r, tail)?;
                self.bind(short);
            }
            BinOp::Or | BinOp::OrOr => {
                self.expr(l, false)?;
                if op == BinOp::Or {
                    self.emit(Op::CheckBool, sp);
                }
                self.emit(Op::Dup, sp);
                let short = self.emit_jump(Op::JumpIfTruthy(0), sp);
                self.emit(Op::Pop, sp);
                self.expr(r, tail)?;
                self.bind(short);
            }
            BinOp::Pipe => {
                let piped = pipe_into(l, r)?;
                self.expr(&piped, tail)?;
            }
            BinOp::When | BinOp::Arrow | BinOp::Default | BinOp::Type => {
                let what = match op {
                    BinOp::When => "when",
                    BinOp::Arrow => "<-",
                    BinOp::Default => "\\\\",
                    _ => "::",
                };
                return Err(CompileError::new(sp, format!("unexpected operator {what}"), "not valid here")
                    .help(format!("`{what}` is only valid in function heads, `for`, `with` or binaries")));
            }
            _ => unreachable_op(sp)?,
        }
        Ok(())
    }

    fn unop(&mut self, op: UnOp, x: &Expr, sp: Span) -> CResult {
        match op {
            UnOp::Neg => {
                match &x.kind {
                    ExprKind::Int(i) => return {
                        self.push_const(Term::from_bigint(-num_bigint::BigInt::from(*i)), sp);
                        Ok(())
                    },
                    ExprKind::Float(f) => return {
                        self.push_const(Term::Float(-f), sp);
                        Ok(())
                    },
                    _ => {}
                }
                self.expr(x, false)?;
                self.emit(Op::Neg, sp);
            }
            UnOp::Plus => self.expr(x, false)?,
            UnOp::Not => {
                self.expr(x, false)?;
                self.emit(Op::Not, sp);
            }
            UnOp::Bang => {
                self.expr(x, false)?;
                let t = self.emit_jump(Op::JumpIfTruthy(0), sp);
                self.push_const(Term::TRUE, sp);
                let end = self.emit_jump(Op::Jump(0), sp);
                let d = self.depth();
                self.set_depth(d - 1);
                self.bind(t);
                self.push_const(Term::FALSE, sp);
                self.bind(end);
            }
        }
        Ok(())
    }

    /// The value of a literal made only of constants, so it can be one constant.
    fn const_value(&self, e: &Expr) -> Option<Term> {
        Some(match &e.kind {
            ExprKind::Int(i) => Term::Int(*i),
            ExprKind::BigInt(b) => Term::from_bigint(b.clone()),
            ExprKind::Float(f) => Term::Float(*f),
            ExprKind::Atom(a) => Term::Atom(Atom::intern(a)),
            ExprKind::Str(s) => Term::str(s),
            ExprKind::Alias(a) => Term::Atom(self.resolve_alias(a)),
            ExprKind::List(items, tail) => {
                let t = match tail {
                    Some(t) => self.const_value(t)?,
                    None => Term::Nil,
                };
                let items = items.iter().map(|i| self.const_value(i)).collect::<Option<Vec<_>>>()?;
                Term::list_with_tail(items, t)
            }
            ExprKind::Tuple(items) => Term::tuple(items.iter().map(|i| self.const_value(i)).collect::<Option<Vec<_>>>()?),
            // A map of constants (a struct's defaults, `%{a: 1}`) is shared from the pool;
            // an update copies it first. A repeated key keeps its last value, as `MakeMap` does.
            ExprKind::Map(pairs) => {
                let mut m = crate::term::MapT::new();
                for (k, v) in pairs {
                    m.insert(self.const_value(k)?, self.const_value(v)?);
                }
                Term::map(m)
            }
            // `first..last` and `first..last//step` of integer literals; anything else (a
            // zero step, a non-integer) is left to the native, which raises.
            ExprKind::BinOp(BinOp::Range, a, b) => match (self.const_value(a)?, self.const_value(b)?) {
                (Term::Int(f), Term::Int(l)) => natives::range_term(f, l, if f > l { -1 } else { 1 })?,
                _ => return None,
            },
            ExprKind::BinOp(BinOp::RangeStep, r, step) => match (&r.kind, self.const_value(step)?) {
                (ExprKind::BinOp(BinOp::Range, a, b), Term::Int(s)) if s != 0 => match (self.const_value(a)?, self.const_value(b)?) {
                    (Term::Int(f), Term::Int(l)) => natives::range_term(f, l, s)?,
                    _ => return None,
                },
                _ => return None,
            },
            ExprKind::UnOp(UnOp::Neg, x) => match &x.kind {
                ExprKind::Int(i) => Term::from_bigint(-num_bigint::BigInt::from(*i)),
                ExprKind::Float(f) => Term::Float(-f),
                _ => return None,
            },
            _ => return None,
        })
    }

    fn native_id(&self, module: &str, name: &str, arity: usize, sp: Span) -> CResult<u16> {
        natives::lookup(module, name, arity as u32).ok_or_else(|| {
            CompileError::new(sp, format!("internal: missing native {module}.{name}/{arity}"), "needed here")
        })
    }

    fn call_native_or_err(&mut self, module: &str, name: &str, args: &[Expr], sp: Span) -> CResult {
        let id = self.native_id(module, name, args.len(), sp)?;
        self.args(args, sp)?;
        self.emit(Op::Native { id, argc: args.len() as u8 }, sp);
        Ok(())
    }

    // ---------------------------------------------------------------- calls

    fn local_call(&mut self, name: &str, args: &[Expr], do_block: Option<&DoBlock>, sp: Span, tail: bool) -> CResult {
        if self.special_form(name, args, do_block, sp, tail)? {
            return Ok(());
        }
        if do_block.is_some() {
            return Err(CompileError::new(sp, format!("undefined function {name}/{} with a do block", args.len() + 1), "here"));
        }
        if self.try_local_call(name, args, sp, tail)? {
            return Ok(());
        }
        let mut err = CompileError::new(
            sp,
            format!("undefined function {name}/{}", args.len()),
            "no such function is defined or imported",
        );
        err = match self.module.name {
            Some(m) => err.help(format!(
                "expected {} to define such a function or for it to be imported",
                crate::term::inspect::inspect(&Term::Atom(m))
            )),
            None => err.help("define it in a module and call it as Module.function(...)"),
        };
        Err(err)
    }

    /// Compiles a call to a local, imported or Kernel function. `false` if none exists.
    fn try_local_call(&mut self, name: &str, args: &[Expr], sp: Span, tail: bool) -> CResult<bool> {
        let arity = args.len() as u32;
        if let Some(m) = self.module.name {
            if self.module.defined.contains(&(name.to_string(), arity)) {
                let slot = code::table().slot(m, Atom::intern(name), arity);
                self.args(args, sp)?;
                let argc = arity as u8;
                let me = self.fns.last().is_some_and(|f| f.chunk.name == Some(Atom::intern(name)) && f.chunk.arity == arity);
                self.emit(
                    match (me, tail) {
                        (true, _) => Op::CallSelf { argc, tail, slot },
                        (false, true) => Op::TailCall { slot, argc },
                        (false, false) => Op::Call { slot, argc },
                    },
                    sp,
                );
                return Ok(true);
            }
        }
        for (m, only) in self.module.imports.clone() {
            let allowed = only.as_ref().is_none_or(|o| o.iter().any(|(n, a)| n == name && *a == arity));
            if allowed && self.module_has(m, name, arity) {
                self.emit_remote(m, name, args, sp, tail)?;
                return Ok(true);
            }
        }
        if self.module_has(Atom::ELIXIR_KERNEL, name, arity) {
            self.emit_remote(Atom::ELIXIR_KERNEL, name, args, sp, tail)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Notes a just-compiled module's public functions for `import`s later in this source.
    fn remember_exports(&mut self, m: &ModuleDef) {
        let public = m.functions.iter().filter(|f| !f.private).map(|f| (f.name, f.arity)).collect();
        self.compiled.insert(m.name, public);
    }

    /// Whether `module.name/arity` exists as a native or in already-loaded code.
    fn module_has(&self, module: Atom, name: &str, arity: u32) -> bool {
        if natives::lookup(module_display(module), name, arity).is_some() {
            return true;
        }
        if let Some(fs) = self.compiled.get(&module) {
            return fs.iter().any(|(n, a)| n.name() == name && *a == arity);
        }
        code::table()
            .snapshot()
            .modules
            .get(&module)
            .is_some_and(|m| m.functions.iter().any(|f| !f.private && f.name.name() == name && f.arity == arity))
    }

    fn remote_call(&mut self, target: &Expr, name: &str, args: &[Expr], sp: Span, tail: bool) -> CResult {
        let module = match &target.kind {
            ExprKind::Alias(a) => Some(self.resolve_alias(a)),
            ExprKind::Atom(a) => Some(Atom::intern(a)),
            ExprKind::ModuleAttr(_) => self.module.name,
            _ => None,
        };
        match module {
            Some(m) => self.emit_remote(m, name, args, sp, tail),
            None => {
                self.expr(target, false)?;
                self.args(args, sp)?;
                let k = self.constant(Term::Atom(Atom::intern(name)));
                self.emit(Op::CallDyn { k, argc: args.len() as u8 }, sp);
                Ok(())
            }
        }
    }

    fn emit_remote(&mut self, module: Atom, name: &str, args: &[Expr], sp: Span, tail: bool) -> CResult {
        let arity = args.len() as u32;
        // A few Kernel "functions" are really control flow and need the compiler.
        if module == Atom::ELIXIR_KERNEL && self.kernel_special(name, args, sp, tail)? {
            return Ok(());
        }
        if let Some(id) = natives::lookup(module_display(module), name, arity) {
            self.args(args, sp)?;
            self.emit(Op::Native { id, argc: arity as u8 }, sp);
            return Ok(());
        }
        let slot = code::table().slot(module, Atom::intern(name), arity);
        self.args(args, sp)?;
        let argc = arity as u8;
        self.emit(if tail { Op::TailCall { slot, argc } } else { Op::Call { slot, argc } }, sp);
        Ok(())
    }

    // ---------------------------------------------------------------- functions

    /// Compiles the clauses of a function (named or anonymous) into the current `FnState`.
    /// Arguments are in slots `0..arity`.
    fn clauses_body(&mut self, clauses: &[Clause], arity: u32, sp: Span, on_fail: Op) -> CResult {
        let heads: Vec<&[Expr]> = clauses.iter().map(|c| c.args.as_slice()).collect();
        let switch = self.head_switch(&heads, arity, sp);
        let mut starts = Vec::with_capacity(clauses.len());
        for cl in clauses {
            starts.push(self.here());
            self.one_clause(&cl.args, cl.guard.as_ref(), &cl.body, cl.span, arity)?;
        }
        if let Some(p) = switch {
            let none = self.here();
            self.finish_switch(p, &starts, none);
        }
        self.emit(on_fail, sp);
        Ok(())
    }

    /// One clause: match the arguments (in slots `0..arity`), check the guard, run the body
    /// and return; on a mismatch fall through to whatever follows.
    fn one_clause(&mut self, args: &[Expr], guard: Option<&Expr>, body: &Expr, span: Span, arity: u32) -> CResult {
        {
            let cl = ClauseParts { args, guard, body, span };
            if cl.args.len() as u32 != arity {
                return Err(CompileError::new(cl.span, "all clauses must have the same number of arguments", "this clause differs")
                    .help(format!("the first clause takes {arity} arguments")));
            }
            self.push_scope();
            let mut fails = Vec::new();
            let mut bound: Vec<(String, u16)> = Vec::new();
            for (i, p) in cl.args.iter().enumerate() {
                // `[x | xs] = a` names the argument itself: `a` is the argument's slot, not a
                // copy of it, and the rest matches against that slot as a plain head does, so
                // the fused local matches apply and the list is not shared twice over.
                let mut p = p;
                while let ExprKind::Match(l, r) = &p.kind {
                    let (name, rest) = match (&l.kind, &r.kind) {
                        (_, ExprKind::Var(n)) if n != "_" && !bound.iter().any(|(b, _)| b == n) => (n, &**l),
                        (ExprKind::Var(n), _) if n != "_" && !bound.iter().any(|(b, _)| b == n) => (n, &**r),
                        _ => break,
                    };
                    bound.push((name.clone(), i as u16));
                    p = rest;
                }
                if let ExprKind::Var(n) = &p.kind {
                    if !bound.iter().any(|(b, _)| b == n) {
                        if n != "_" {
                            bound.push((n.clone(), i as u16));
                        }
                        continue;
                    }
                }
                self.emit(Op::Load(i as u16), p.span);
                let got = self.pattern_with(p, &mut fails, &mut bound)?;
                let _ = got;
            }
            for (n, s) in &bound {
                self.bind_var(n, *s);
            }
            if let Some(g) = cl.guard {
                self.guard(g, &mut fails)?;
            }
            self.expr(cl.body, true)?;
            self.emit(Op::Return, cl.span);
            self.pop_scope();
            self.bind_all(&fails);
            self.reset_to(0, cl.span);
        }
        Ok(())
    }

    /// Compiles a guard: on `true` falls through; otherwise (or on any error) jumps to a
    /// label pushed onto `fails`.
    fn guard(&mut self, g: &Expr, fails: &mut Vec<Label>) -> CResult {
        // A guard that cannot raise needs no handler: most guards are comparisons and type
        // tests, and installing a handler on every call is measurable in hot functions.
        let safe = cannot_raise(g);
        if safe {
            self.guard_jumps(g, fails)?;
            return Ok(());
        }
        let gb = self.emit_jump(Op::GuardBegin { fail: 0 }, g.span);
        fails.push(gb);
        self.expr(g, false)?;
        self.emit(Op::GuardEnd, g.span);
        let j = self.emit_jump(Op::JumpUnlessTrue(0), g.span);
        fails.push(j);
        Ok(())
    }

    /// A guard that cannot raise, so that every part of it is a boolean, compiled as tests
    /// and jumps: `a and b` fails as soon as `a` does, and `a or b` tries `b` only when `a`
    /// fails, with no boolean pushed, checked and popped between them. Each comparison then
    /// ends in a jump the peephole can fuse with it (`step > 0` into `CmpLocalImmJump`).
    fn guard_jumps(&mut self, g: &Expr, fails: &mut Vec<Label>) -> CResult {
        let d = self.depth();
        match &g.kind {
            ExprKind::BinOp(BinOp::And, a, b) => {
                self.guard_jumps(a, fails)?;
                self.guard_jumps(b, fails)
            }
            ExprKind::BinOp(BinOp::In, ..) if let Some(t) = in_range_test(g) => self.guard_jumps(&t, fails),
            ExprKind::BinOp(BinOp::Or, a, b) => {
                let mut a_fails = Vec::new();
                self.guard_jumps(a, &mut a_fails)?;
                let ok = self.emit_jump(Op::Jump(0), g.span);
                self.set_depth(d);
                self.bind_all(&a_fails);
                self.guard_jumps(b, fails)?;
                self.bind(ok);
                Ok(())
            }
            _ => {
                self.expr(g, false)?;
                let j = self.emit_jump(Op::JumpUnlessTrue(0), g.span);
                fails.push(j);
                Ok(())
            }
        }
    }

    fn lambda(&mut self, clauses: &[Clause], sp: Span) -> CResult {
        let arity = clauses.first().map(|c| c.args.len() as u32).unwrap_or(0);
        let module = self.module.name;
        let parent = self.f().parent;
        let mut st = FnState::new(module, Atom::NIL, arity);
        st.chunk.name = None;
        st.parent = parent;
        self.fns.push(st);
        let r = self.clauses_body(clauses, arity, sp, Op::FunctionClause);
        if let Err(e) = r {
            self.fns.pop();
            return Err(e);
        }
        let captures = self.fns.last().map(|f| f.captures.clone()).unwrap_or_default();
        let chunk = self.finish_fn();
        self.make_closure(chunk, arity, captures, sp)
    }

    fn make_closure(&mut self, chunk: Arc<Chunk>, arity: u32, captures: Vec<(String, u16)>, sp: Span) -> CResult {
        // Push the captured values in the order of their inner slots.
        for (name, _) in &captures {
            let outer = self.lookup(name).ok_or_else(|| CompileError::new(sp, format!("undefined variable \"{name}\""), "captured here"))?;
            self.emit(Op::Load(outer), sp);
        }
        let index = self.module.lambda_count;
        self.module.lambda_count += 1;
        let lambda = Lambda {
            module: self.module.name,
            parent: self.f().parent,
            index,
            arity,
            chunk,
            capture_slots: captures.iter().map(|(_, s)| *s).collect(),
        };
        let f = self.f();
        f.chunk.lambdas.push(Arc::new(lambda));
        let idx = (f.chunk.lambdas.len() - 1) as u32;
        self.emit(Op::MakeFn { lambda: idx, captured: captures.len() as u16 }, sp);
        Ok(())
    }

    fn capture_named(&mut self, module: Option<&Expr>, name: &str, arity: u32, sp: Span) -> CResult {
        let m = match module {
            Some(e) => match &e.kind {
                ExprKind::Alias(a) => self.resolve_alias(a),
                ExprKind::Atom(a) => Atom::intern(a),
                ExprKind::ModuleAttr(_) => self.module.name.unwrap_or(Atom::NIL),
                _ => return Err(CompileError::new(e.span, "invalid capture", "expected a module").help("write &Module.fun/arity")),
            },
            None => {
                let local = self.module.name.filter(|_| self.module.defined.contains(&(name.to_string(), arity)));
                match local {
                    Some(m) => {
                        // Capturing a local (possibly private) function: wrap it in a lambda so
                        // privacy is respected, as Elixir does.
                        let args: Vec<Expr> = (0..arity).map(|i| Expr::new(ExprKind::Var(format!("__capture{i}")), sp)).collect();
                        let body = Expr::new(ExprKind::Call { name: name.to_string(), args: args.clone(), do_block: None }, sp);
                        let _ = m;
                        return self.lambda(&[Clause { args, guard: None, body, span: sp }], sp);
                    }
                    None => {
                        let mut found = None;
                        for (m, _) in self.module.imports.clone() {
                            if self.module_has(m, name, arity) {
                                found = Some(m);
                                break;
                            }
                        }
                        found.unwrap_or(Atom::ELIXIR_KERNEL)
                    }
                }
            }
        };
        self.push_const(natives::export_fun(m, Atom::intern(name), arity), sp);
        Ok(())
    }

    /// `&(expr with &1, &2)` becomes `fn a1, a2 -> expr end`.
    fn capture(&mut self, body: &Expr, sp: Span) -> CResult {
        // `&Mod.fun/2` arrives here when written with parentheses: `&(Mod.fun/2)`.
        if let ExprKind::BinOp(BinOp::Div, f, a) = &body.kind {
            if let ExprKind::Int(arity) = a.kind {
                match &f.kind {
                    ExprKind::Remote { target, name, args, .. } if args.is_empty() => {
                        return self.capture_named(Some(target), name, arity as u32, sp);
                    }
                    ExprKind::Var(name) => return self.capture_named(None, name, arity as u32, sp),
                    _ => {}
                }
            }
        }
        let mut max = 0;
        max_capture_arg(body, &mut max);
        if max == 0 {
            return Err(CompileError::new(sp, "invalid capture: no &1 argument", "this capture")
                .help("use &(&1 + 1) or &Module.fun/arity"));
        }
        let args: Vec<Expr> = (1..=max).map(|i| Expr::new(ExprKind::Var(format!("__cap{i}")), sp)).collect();
        let body = replace_capture_args(body);
        self.lambda(&[Clause { args, guard: None, body, span: sp }], sp)
    }

    // ---------------------------------------------------------------- modules

    fn defmodule(&mut self, args: &[Expr], do_block: Option<&DoBlock>, sp: Span) -> CResult {
        let name = match args.first().map(|a| &a.kind) {
            Some(ExprKind::Alias(n)) => n.clone(),
            Some(ExprKind::Atom(a)) => format!(":{a}"),
            _ => return Err(CompileError::new(sp, "invalid defmodule", "expected a module name").help("write `defmodule Name do ... end`")),
        };
        let body = match section(do_block, args, "do") {
            Some(b) => b,
            None => return Err(CompileError::new(sp, "defmodule needs a do block", "here").help("add `do ... end`")),
        };
        let (full, matom) = if let Some(erl) = name.strip_prefix(':') {
            (erl.to_string(), Atom::intern(erl))
        } else {
            let full = match self.module.name {
                Some(outer) => format!("{}.{}", module_display(outer), name),
                None => self.expand_alias(&name),
            };
            let a = Atom::alias(&full);
            (full, a)
        };
        let saved = std::mem::take(&mut self.module);
        self.module.name = Some(matom);
        self.module.aliases = saved.aliases.clone();
        // Imports are lexical, as aliases: an `import Bitwise` at the top of a script
        // reaches the modules defined below it.
        self.module.imports = saved.imports.clone();
        if saved.name.is_some() {
            // A nested module is reachable by its short name in the enclosing module.
            self.module.aliases.insert(name.clone(), full.clone());
        }
        let result = self.module_body(matom, &body);
        let inner_aliases = std::mem::replace(&mut self.module, saved);
        let _ = inner_aliases;
        if self.module.name.is_some() {
            self.module.aliases.insert(name.clone(), full.clone());
        }
        let (def, nested) = result?;
        for m in nested.iter().map(|n| &**n).chain(std::iter::once(&def)) {
            self.remember_exports(m);
        }
        for n in nested {
            let f = self.f();
            f.chunk.modules.push(n);
            let idx = (f.chunk.modules.len() - 1) as u32;
            self.emit(Op::DefModule(idx), sp);
            self.emit(Op::Pop, sp);
        }
        let f = self.f();
        f.chunk.modules.push(Arc::new(def));
        let idx = (f.chunk.modules.len() - 1) as u32;
        self.emit(Op::DefModule(idx), sp);
        Ok(())
    }

    /// Compiles a module defined inside the current one: it and the modules nested in it,
    /// innermost first.
    fn nested_module(&mut self, inner: Atom, body: &Expr) -> CResult<Vec<Arc<ModuleDef>>> {
        let saved = std::mem::take(&mut self.module);
        self.module.name = Some(inner);
        self.module.aliases = saved.aliases.clone();
        self.module.imports = saved.imports.clone();
        let r = self.module_body(inner, body);
        self.module = saved;
        let (d, mut more) = r?;
        self.remember_exports(&d);
        more.push(Arc::new(d));
        Ok(more)
    }

    /// Compiles a module body. Returns the module and any nested modules (already compiled).
    fn module_body(&mut self, matom: Atom, body: &Expr) -> CResult<(ModuleDef, Vec<Arc<ModuleDef>>)> {
        let items: Vec<&Expr> = match &body.kind {
            ExprKind::Block(items) => items.iter().collect(),
            _ => vec![body],
        };
        // First pass: collect definitions so calls between functions resolve regardless of order.
        let mut defs: Vec<DefClause> = Vec::new();
        let mut nested = Vec::new();
        let mut uses: Vec<(Atom, Span)> = Vec::new();
        let mut struct_fields: Option<(Expr, bool)> = None;
        // Attributes registered with `accumulate: true`: each `@name v` adds to a list.
        let mut accumulated: Vec<String> = Vec::new();
        for it in &items {
            match &it.kind {
                ExprKind::Remote { target, name, args, .. }
                    if name == "register_attribute" && matches!(&target.kind, ExprKind::Alias(m) if m == "Module") =>
                {
                    if let (Some(ExprKind::Atom(attr)), Some(opts)) = (args.get(1).map(|a| &a.kind), args.get(2))
                        && keyword_pairs(opts).unwrap_or_default().iter().any(|(k, v)| k == "accumulate" && matches!(&v.kind, ExprKind::Atom(t) if t == "true"))
                    {
                        accumulated.push(attr.clone());
                        Arc::make_mut(&mut self.module.attrs).insert(attr.clone(), Expr::new(ExprKind::List(vec![], None), it.span));
                    }
                }
                ExprKind::Call { name, args, do_block } => match name.as_str() {
                    "def" | "defp" => {
                        let d = self.parse_def(name == "defp", args, do_block.as_ref(), it.span)?;
                        defs.push(d);
                    }
                    "defguard" | "defguardp" => {
                        // `defguard is_pos(x) when x > 0` is a function returning its guard:
                        // guards may call the module's own functions, and so may other code.
                        let Some(ExprKind::BinOp(BinOp::When, head, guard)) = args.first().map(|a| &a.kind) else {
                            return Err(CompileError::new(it.span, format!("invalid {name}"), "expected `name(args) when guard`")
                                .help("write `defguard is_positive(x) when is_integer(x) and x > 0`"));
                        };
                        let sp = it.span;
                        let kw = Expr::new(ExprKind::List(vec![Expr::new(ExprKind::Tuple(vec![Expr::new(ExprKind::Atom("do".into()), sp), (**guard).clone()]), sp)], None), sp);
                        defs.push(self.parse_def(name == "defguardp", &[(**head).clone(), kw], None, sp)?);
                    }
                    "defmacro" | "defmacrop" | "defdelegate" | "defoverridable" => {
                        if name == "defdelegate" {
                            defs.push(self.parse_defdelegate(args, it.span)?);
                        }
                    }
                    "alias" | "import" | "require" => {
                        // Evaluated for its effect on name resolution only.
                        self.fns.push(FnState::new(None, Atom::NIL, 0));
                        let r = self.directive(name, args, it.span);
                        self.fns.pop();
                        r?;
                    }
                    "use" => {
                        if let Some(ExprKind::Alias(a)) = args.first().map(|a| &a.kind) {
                            uses.push((self.resolve_alias(a), it.span));
                        }
                    }
                    "defstruct" => {
                        if let Some(a) = args.first() {
                            struct_fields = Some((a.clone(), false));
                        }
                    }
                    "defexception" => {
                        if let Some(a) = args.first() {
                            struct_fields = Some((a.clone(), true));
                        }
                    }
                    "defmodule" | "defprotocol" => {
                        let (inner_name, inner_body) = match (args.first().map(|a| &a.kind), section(do_block.as_ref(), args, "do")) {
                            (Some(ExprKind::Alias(n)), Some(b)) => (n.clone(), b),
                            _ => return Err(CompileError::new(it.span, format!("invalid {name}"), format!("expected `{name} Name do ... end`"))),
                        };
                        let inner_body = if name == "defprotocol" { self.protocol_body(&inner_body, it.span)? } else { inner_body };
                        let full = format!("{}.{}", module_display(matom), inner_name);
                        let inner = Atom::alias(&full);
                        self.module.aliases.insert(inner_name.clone(), full.clone());
                        nested.extend(self.nested_module(inner, &inner_body)?);
                    }
                    "defimpl" => {
                        let imp = self.implementation(args, do_block.as_ref(), Some(matom), it.span)?;
                        for (inner, body) in imp.modules {
                            nested.extend(self.nested_module(inner, &body)?);
                        }
                    }
                    _ => {}
                },
                ExprKind::AttrDef(name, value) => {
                    let mut value = memoized_attr(value);
                    if accumulated.contains(name) {
                        // Newest first, as Elixir reads an accumulated attribute.
                        let mut items = vec![value];
                        if let Some(Expr { kind: ExprKind::List(old, None), .. }) = self.module.attrs.get(name) {
                            items.extend(old.iter().cloned());
                        }
                        value = Expr::new(ExprKind::List(items, None), it.span);
                    }
                    Arc::make_mut(&mut self.module.attrs).insert(name.clone(), value);
                }
                _ => {}
            }
        }
        // `use GenServer` and friends: default callbacks come from a stdlib module named
        // `<Module>.Default` when it exists (see ARCHITECTURE.md).
        let mut injected: Vec<DefClause> = Vec::new();
        for (u, sp) in &uses {
            injected.extend(self.use_defaults(*u, &defs, *sp)?);
        }
        defs.extend(injected);
        let mut struct_order = None;
        if let Some((fields, exception)) = &struct_fields {
            if let ExprKind::List(items, None) = &fields.kind {
                let mut order: Vec<Atom> = if *exception { vec![Atom::EXCEPTION] } else { Vec::new() };
                for it in items {
                    match &it.kind {
                        ExprKind::Atom(a) => order.push(Atom::intern(a)),
                        ExprKind::Tuple(kv) if kv.len() == 2 => {
                            if let ExprKind::Atom(a) = &kv[0].kind {
                                order.push(Atom::intern(a));
                            }
                        }
                        _ => {}
                    }
                }
                struct_order = Some(order);
            }
            let generated = self.struct_defs(matom, fields, *exception)?;
            // The user's own `exception/1` or `message/1` take precedence over the defaults.
            let fresh: Vec<DefClause> = generated
                .into_iter()
                .filter(|g| !defs.iter().any(|d| d.name == g.name && d.params.len() == g.params.len()))
                .collect();
            defs.extend(fresh);
        }
        // Default arguments generate the lower arities.
        let mut groups: Vec<((String, u32), bool, Vec<DefClause>)> = Vec::new();
        for d in defs {
            let key = (d.name.clone(), d.params.len() as u32);
            for (k, _, _) in &groups {
                let _ = k;
            }
            match groups.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, v)) => v.push(d),
                None => {
                    let private = d.private;
                    groups.push((key, private, vec![d]));
                }
            }
        }
        let mut extra: Vec<((String, u32), bool, Vec<DefClause>)> = Vec::new();
        for ((name, arity), private, clauses) in &groups {
            let ndefaults = clauses.iter().map(|c| c.defaults.iter().filter(|d| d.is_some()).count()).max().unwrap_or(0);
            if ndefaults == 0 {
                continue;
            }
            let with_defaults = match clauses.iter().find(|c| c.defaults.iter().any(|d| d.is_some())) {
                Some(c) => c,
                None => continue,
            };
            for k in 1..=ndefaults {
                let lower = *arity as usize - k;
                if groups.iter().any(|((n, a), _, _)| n == name && *a as usize == lower) {
                    continue;
                }
                // f(a, b \\ 1, c \\ 2) with arity 1: f(a) -> f(a, 1, 2); arity 2: f(a, b) -> f(a, b, 2).
                let mut drop = k;
                let mut params = Vec::new();
                let mut call_args = Vec::new();
                let sp = with_defaults.span;
                // Decide which defaults are filled: the last `k` defaulted positions.
                let mut filled = vec![false; *arity as usize];
                for i in (0..*arity as usize).rev() {
                    if drop > 0 && with_defaults.defaults.get(i).is_some_and(|d| d.is_some()) {
                        filled[i] = true;
                        drop -= 1;
                    }
                }
                for i in 0..*arity as usize {
                    if filled[i] {
                        if let Some(Some(d)) = with_defaults.defaults.get(i) {
                            call_args.push(d.clone());
                        }
                    } else {
                        let v = Expr::new(ExprKind::Var(format!("__default{i}")), sp);
                        params.push(v.clone());
                        call_args.push(v);
                    }
                }
                let body = Expr::new(ExprKind::Call { name: name.clone(), args: call_args, do_block: None }, sp);
                extra.push((
                    (name.clone(), lower as u32),
                    *private,
                    vec![DefClause { name: name.clone(), private: *private, params, defaults: vec![], guard: None, body, span: sp, attrs: with_defaults.attrs.clone(), header: false }],
                ));
            }
        }
        groups.extend(extra);
        self.module.defined = groups.iter().map(|(k, _, _)| k.clone()).collect();
        let mut functions = Vec::new();
        for ((name, arity), private, clauses) in &groups {
            let natom = Atom::intern(name);
            self.fns.push(FnState::new(Some(matom), natom, *arity));
            let sp = clauses.first().map(|c| c.span).unwrap_or_default();
            let saved_attrs = self.module.attrs.clone();
            let heads: Vec<&[Expr]> = clauses.iter().filter(|c| !c.header).map(|c| c.params.as_slice()).collect();
            let switch = self.head_switch(&heads, *arity, sp);
            let mut starts = Vec::with_capacity(heads.len());
            for cl in clauses.iter().filter(|c| !c.header) {
                starts.push(self.here());
                // Each clause sees the attribute values in force where it was written.
                self.module.attrs = cl.attrs.clone();
                let r = self.one_clause(&cl.params, cl.guard.as_ref(), &cl.body, cl.span, *arity);
                if let Err(e) = r {
                    self.fns.pop();
                    self.module.attrs = saved_attrs;
                    return Err(e);
                }
            }
            self.module.attrs = saved_attrs;
            if let Some(p) = switch {
                let none = self.here();
                self.finish_switch(p, &starts, none);
            }
            self.emit(Op::FunctionClause, sp);
            let chunk = self.finish_fn();
            let slot = code::table().slot(matom, natom, *arity);
            functions.push(FunctionDef { name: natom, arity: *arity, private: *private, slot, chunk });
        }
        // `defmodule` returns the value of the module body's last expression; for the usual
        // last `def` that is `{name, arity}`.
        let result = match items.last().map(|e| &e.kind) {
            Some(ExprKind::Call { name, args, do_block }) if name == "def" || name == "defp" => {
                match self.parse_def(name == "defp", args, do_block.as_ref(), body.span) {
                    Ok(d) => Term::tuple(vec![Term::Atom(Atom::intern(&d.name)), Term::Int(d.params.len() as i64)]),
                    Err(_) => Term::NIL_ATOM,
                }
            }
            _ => Term::NIL_ATOM,
        };
        Ok((ModuleDef { name: matom, functions, result, struct_fields: struct_order }, nested))
    }

    fn parse_def(&mut self, private: bool, args: &[Expr], do_block: Option<&DoBlock>, sp: Span) -> CResult<DefClause> {
        let head = args.first().ok_or_else(|| CompileError::new(sp, "invalid def", "missing function head"))?;
        let (head, guard) = match &head.kind {
            ExprKind::BinOp(BinOp::When, h, g) => (&**h, Some((**g).clone())),
            _ => (head, None),
        };
        let (name, params) = match &head.kind {
            ExprKind::Call { name, args, do_block: None } => (name.clone(), args.clone()),
            ExprKind::Var(name) => (name.clone(), vec![]),
            _ => return Err(CompileError::new(head.span, "invalid function head", "expected `name(args)`").help("write `def name(arg1, arg2) do ... end`")),
        };
        let has_defaults = params.iter().any(|p| matches!(p.kind, ExprKind::BinOp(BinOp::Default, ..)));
        // `def f do … rescue … end` is an implicit `try` around the body.
        let implicit_try = do_block.filter(|db| db.sections.iter().any(|(n, _)| matches!(n.as_str(), "rescue" | "catch" | "after")));
        let body = match section(do_block, args, "do") {
            Some(_) if implicit_try.is_some() => Expr::new(ExprKind::Call { name: "try".into(), args: vec![], do_block: implicit_try.cloned() }, sp),
            Some(b) => b,
            // A bodiless head only declares default arguments for the clauses that follow.
            None if has_defaults => Expr::new(ExprKind::Block(vec![]), sp),
            None => {
                return Err(CompileError::new(sp, format!("missing body for {name}/{}", params.len()), "this def has no body")
                    .help("add `do ... end` or `, do: expression`"));
            }
        };
        let header = section(do_block, args, "do").is_none();
        let mut plain = Vec::new();
        let mut defaults = Vec::new();
        for p in params {
            match p.kind {
                ExprKind::BinOp(BinOp::Default, a, d) => {
                    plain.push(*a);
                    defaults.push(Some(*d));
                }
                _ => {
                    plain.push(p);
                    defaults.push(None);
                }
            }
        }
        Ok(DefClause { name, private, params: plain, defaults, guard, body, span: sp, attrs: self.module.attrs.clone(), header })
    }

    fn parse_defdelegate(&mut self, args: &[Expr], sp: Span) -> CResult<DefClause> {
        let head = args.first().ok_or_else(|| CompileError::new(sp, "invalid defdelegate", "missing head"))?;
        let (name, params) = match &head.kind {
            ExprKind::Call { name, args, .. } => (name.clone(), args.clone()),
            _ => return Err(CompileError::new(sp, "invalid defdelegate", "expected `name(args), to: Module`")),
        };
        let opts = args.get(1).and_then(keyword_pairs).unwrap_or_default();
        let to = opts.iter().find(|(k, _)| k == "to").map(|(_, v)| v.clone())
            .ok_or_else(|| CompileError::new(sp, "defdelegate needs to:", "here"))?;
        let fname = opts.iter().find(|(k, _)| k == "as").and_then(|(_, v)| match &v.kind {
            ExprKind::Atom(a) => Some(a.clone()),
            _ => None,
        }).unwrap_or_else(|| name.clone());
        let body = Expr::new(ExprKind::Remote { target: Box::new(to), name: fname, args: params.clone(), do_block: None }, sp);
        Ok(DefClause { name, private: false, params: params.clone(), defaults: vec![None; params.len()], guard: None, body, span: sp, attrs: Arc::default(), header: false })
    }

    /// The default callbacks `use Mod` injects, taken from the clauses of the stdlib's
    /// `Mod.Default` module source, skipping any the user defines.
    fn use_defaults(&mut self, used: Atom, defs: &[DefClause], sp: Span) -> CResult<Vec<DefClause>> {
        let Some(src) = crate::stdlib::use_source(used) else {
            return Ok(vec![]);
        };
        let ast = template_ast(src).map_err(|e| CompileError::new(sp, format!("internal: stdlib `use` source does not parse: {e}"), "here"))?;
        let mut out = Vec::new();
        let items: &[Expr] = match &ast.kind {
            ExprKind::Block(items) => items,
            _ => std::slice::from_ref(&*ast),
        };
        for it in items {
            if let ExprKind::Call { name, args, do_block } = &it.kind {
                if name == "def" || name == "defp" {
                    let mut d = self.parse_def(name == "defp", args, do_block.as_ref(), sp)?;
                    d.span = sp;
                    let arity = d.params.len();
                    if !defs.iter().any(|x| x.name == d.name && x.params.len() == arity) {
                        out.push(d);
                    }
                }
            }
        }
        Ok(out)
    }

    /// A construction's segments with each group of sub-byte fields joined into one
    /// integer segment (see `sub_byte_group`).
    fn join_sub_byte_groups(&self, items: &[crate::syntax::ast::Segment]) -> Vec<crate::syntax::ast::Segment> {
        let mut out = Vec::with_capacity(items.len());
        let mut i = 0;
        while let Some(segment) = items.get(i) {
            match pattern::sub_byte_group(items.get(i..).unwrap_or(&[])) {
                Some(fields) => {
                    out.push(pattern::join_bit_fields(items.get(i..i + fields.len()).unwrap_or(&[]), &fields));
                    i += fields.len();
                }
                None => {
                    out.push(segment.clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// `defstruct`/`defexception` define `__struct__/0` returning the default struct, and
    /// exceptions also get `exception/1` and `message/1` (unless user-defined).
    fn struct_defs(&mut self, matom: Atom, fields: &Expr, exception: bool) -> CResult<Vec<DefClause>> {
        let sp = fields.span;
        let mut pairs: Vec<(Expr, Expr)> = vec![(
            Expr::new(ExprKind::Atom("__struct__".into()), sp),
            Expr::new(ExprKind::Atom(matom.name().to_string()), sp),
        )];
        if exception {
            pairs.push((Expr::new(ExprKind::Atom("__exception__".into()), sp), Expr::new(ExprKind::Atom("true".into()), sp)));
        }
        match &fields.kind {
            ExprKind::List(items, None) => {
                for it in items {
                    match &it.kind {
                        ExprKind::Atom(a) => pairs.push((Expr::new(ExprKind::Atom(a.clone()), it.span), Expr::new(ExprKind::Atom("nil".into()), it.span))),
                        ExprKind::Tuple(kv) if kv.len() == 2 => pairs.push((kv[0].clone(), kv[1].clone())),
                        _ => return Err(CompileError::new(it.span, "invalid struct field", "expected an atom or `key: default`")),
                    }
                }
            }
            _ => return Err(CompileError::new(sp, "invalid defstruct", "expected a list of fields")),
        }
        let body = Expr::new(ExprKind::Map(pairs), sp);
        let mut out = vec![DefClause { name: "__struct__".into(), private: false, params: vec![], defaults: vec![], guard: None, body, span: sp, attrs: Arc::default(), header: false }];
        // `__struct__(fields)`, which `struct!/2` calls: the defaults with `fields` put in,
        // unknown keys and missing `@enforce_keys` rejected (`Kernel.Internal.struct_kv`).
        let enforce = self.module.attrs.get("enforce_keys").cloned().unwrap_or_else(|| Expr::new(ExprKind::List(vec![], None), sp));
        let fields_var = Expr::new(ExprKind::Var("fields".into()), sp);
        let args = vec![
            Expr::new(ExprKind::Atom(matom.name().to_string()), sp),
            Expr::new(ExprKind::Call { name: "__struct__".into(), args: vec![], do_block: None }, sp),
            enforce,
            fields_var.clone(),
        ];
        let target = Box::new(Expr::new(ExprKind::Alias("Kernel.Internal".into()), sp));
        let body = Expr::new(ExprKind::Remote { target, name: "struct_kv".into(), args, do_block: None }, sp);
        out.push(DefClause { name: "__struct__".into(), private: false, params: vec![fields_var], defaults: vec![None], guard: None, body, span: sp, attrs: self.module.attrs.clone(), header: false });
        if exception {
            if let Some(src) = crate::stdlib::use_source(Atom::intern("Elixir.Exception")) {
                let ast = template_ast(src).map_err(|e| CompileError::new(sp, format!("internal: {e}"), "here"))?;
                if let ExprKind::Block(items) = &ast.kind {
                    for it in items {
                        if let ExprKind::Call { name, args, do_block } = &it.kind {
                            if name == "def" {
                                let mut d = self.parse_def(false, args, do_block.as_ref(), sp)?;
                                d.span = sp;
                                out.push(d);
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    fn struct_literal(&mut self, name: &str, base: Option<&Expr>, pairs: &[(Expr, Expr)], sp: Span) -> CResult {
        let m = if name == "__MODULE__" { self.module.name.unwrap_or(Atom::NIL) } else { self.resolve_alias(name) };
        match base {
            Some(b) => {
                self.expr(b, false)?;
                for (k, v) in pairs {
                    self.expr(k, false)?;
                    self.expr(v, false)?;
                }
                self.emit(Op::UpdateMap(pairs.len() as u32), sp);
            }
            None => {
                // `%Name{k: v}` is `%{Name.__struct__() | k: v}`: the defaults with the given
                // keys replaced in place, and a key the struct lacks raises KeyError showing
                // the defaults, as `struct!/2` does.
                self.emit_remote(m, "__struct__", &[], sp, false)?;
                if !pairs.is_empty() {
                    for (k, v) in pairs {
                        self.expr(k, false)?;
                        self.expr(v, false)?;
                    }
                    self.emit(Op::UpdateMap(pairs.len() as u32), sp);
                }
            }
        }
        Ok(())
    }
}

/// Borrowed parts of a clause, so `def` clauses compile without copying their bodies.
struct ClauseParts<'a> {
    args: &'a [Expr],
    guard: Option<&'a Expr>,
    body: &'a Expr,
    span: Span,
}

/// One `def` clause as written, before grouping by name and arity.
#[derive(Clone)]
struct DefClause {
    name: String,
    private: bool,
    params: Vec<Expr>,
    defaults: Vec<Option<Expr>>,
    guard: Option<Expr>,
    body: Expr,
    span: Span,
    attrs: Arc<HashMap<String, Expr>>,
    /// A bodiless head (`def f(a, b \\\\ 1)`) that only declares defaults.
    header: bool,
}

/// The parsed form of a `use`/`defexception` template, parsed once per run (they are
/// static strings, identified by address).
fn template_ast(src: &'static str) -> Result<Arc<Expr>, crate::syntax::SyntaxError> {
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Expr>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = src.as_ptr() as usize;
    if let Some(ast) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(ast.clone());
    }
    let ast = Arc::new(crate::syntax::parse(src)?);
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, ast.clone());
    Ok(ast)
}

/// Whether evaluating a guard expression can never raise: comparisons and type tests over
/// variables and literals, combined with `and`/`or`/`not` (whose operands are then booleans).
fn cannot_raise(e: &Expr) -> bool {
    fn operand(e: &Expr) -> bool {
        matches!(
            e.kind,
            ExprKind::Var(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Atom(_) | ExprKind::Str(_) | ExprKind::BigInt(_)
        )
    }
    const TYPE_TESTS: &[&str] = &[
        "is_atom", "is_binary", "is_boolean", "is_float", "is_function", "is_integer", "is_list", "is_map", "is_nil",
        "is_number", "is_pid", "is_reference", "is_tuple",
    ];
    match &e.kind {
        ExprKind::BinOp(op, a, b) => match op {
            BinOp::Eq | BinOp::NotEq | BinOp::StrictEq | BinOp::StrictNotEq | BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => {
                operand(a) && operand(b)
            }
            BinOp::And | BinOp::Or => cannot_raise(a) && cannot_raise(b),
            BinOp::In => in_range_test(e).is_some_and(|t| cannot_raise(&t)),
            _ => false,
        },
        ExprKind::UnOp(UnOp::Not, x) => cannot_raise(x),
        ExprKind::Call { name, args, do_block: None } => TYPE_TESTS.contains(&name.as_str()) && args.len() == 1 && operand(&args[0]),
        ExprKind::Atom(a) => a == "true" || a == "false",
        _ => false,
    }
}

/// `x in lo..hi` for a variable and integer literals (a step of 1 or -1), rewritten as
/// Elixir expands it in guards: `is_integer(x) and x >= lo and x <= hi`. The comparisons
/// then fuse with their jumps, where `in` on the range struct read its three fields by key.
fn in_range_test(e: &Expr) -> Option<Expr> {
    fn int_lit(e: &Expr) -> Option<i64> {
        match &e.kind {
            ExprKind::Int(i) => Some(*i),
            ExprKind::UnOp(UnOp::Neg, x) => match &x.kind {
                ExprKind::Int(i) => i.checked_neg(),
                _ => None,
            },
            _ => None,
        }
    }
    let ExprKind::BinOp(BinOp::In, x, range) = &e.kind else { return None };
    if !matches!(x.kind, ExprKind::Var(_)) {
        return None;
    }
    let (a, b, step) = match &range.kind {
        ExprKind::BinOp(BinOp::Range, a, b) => (int_lit(a)?, int_lit(b)?, None),
        ExprKind::BinOp(BinOp::RangeStep, r, s) => match &r.kind {
            ExprKind::BinOp(BinOp::Range, a, b) => (int_lit(a)?, int_lit(b)?, Some(int_lit(s)?)),
            _ => return None,
        },
        _ => return None,
    };
    // Without a step a decreasing range counts down; with one, a step against the
    // direction makes the range empty, which the general path handles.
    let (lo, hi) = match step {
        None | Some(1) if a <= b => (a, b),
        None | Some(-1) if a >= b => (b, a),
        _ => return None,
    };
    let sp = e.span;
    let int = |i: i64| Expr::new(ExprKind::Int(i), sp);
    let bin = |op, l: Expr, r: Expr| Expr::new(ExprKind::BinOp(op, Box::new(l), Box::new(r)), sp);
    let test = Expr::new(ExprKind::Call { name: "is_integer".into(), args: vec![(**x).clone()], do_block: None }, sp);
    Some(bin(BinOp::And, bin(BinOp::And, test, bin(BinOp::Ge, (**x).clone(), int(lo))), bin(BinOp::Le, (**x).clone(), int(hi))))
}

/// Whether `e` can only evaluate to `true` or `false` (or raise): a comparison, a type test,
/// `not`, or `and`/`or` whose operands are such. `and`/`or` branch on such a left side
/// without checking that it is a boolean.
fn boolean_valued(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::BinOp(op, a, b) => match op {
            BinOp::Eq | BinOp::NotEq | BinOp::StrictEq | BinOp::StrictNotEq | BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => true,
            BinOp::And | BinOp::Or | BinOp::AndAnd | BinOp::OrOr => boolean_valued(a) && boolean_valued(b),
            BinOp::In => true,
            _ => false,
        },
        ExprKind::UnOp(UnOp::Not, _) => true,
        _ => cannot_raise(e),
    }
}

/// The name Elixir prints for a module atom: `Elixir.IO` → `IO`, `lists` → `:lists`'s name.
pub fn module_display(m: Atom) -> &'static str {
    let n = m.name();
    n.strip_prefix("Elixir.").unwrap_or(n)
}

fn unreachable_op(sp: Span) -> CResult {
    Err(CompileError::new(sp, "unsupported operator", "here"))
}

/// The pairs of a literal keyword list `[a: 1, b: 2]`.
pub(crate) fn keyword_pairs(e: &Expr) -> Option<Vec<(String, Expr)>> {
    match &e.kind {
        ExprKind::List(items, None) => items
            .iter()
            .map(|it| match &it.kind {
                ExprKind::Tuple(kv) if kv.len() == 2 => match &kv[0].kind {
                    ExprKind::Atom(k) => Some((k.clone(), kv[1].clone())),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// A `do`-block section by name, from a `do … end` block or from `do:`-style keyword args.
pub(crate) fn section(do_block: Option<&DoBlock>, args: &[Expr], name: &str) -> Option<Expr> {
    if let Some(db) = do_block {
        return db.sections.iter().find(|(n, _)| n == name).map(|(_, b)| match b {
            Body::Exprs(e) => e.clone(),
            Body::Clauses(cl) => Expr::new(ExprKind::Fn(cl.clone()), db.span),
        });
    }
    let kw = args.last().and_then(keyword_pairs)?;
    kw.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn pipe_into(l: &Expr, r: &Expr) -> CResult<Expr> {
    let sp = r.span;
    let mut r = r.clone();
    match &mut r.kind {
        ExprKind::Call { args, .. } | ExprKind::Remote { args, .. } | ExprKind::DotCall(_, args) => {
            args.insert(0, l.clone());
            Ok(r)
        }
        ExprKind::Var(name) => Ok(Expr::new(ExprKind::Call { name: name.clone(), args: vec![l.clone()], do_block: None }, sp)),
        ExprKind::Field(target, name) => Ok(Expr::new(
            ExprKind::Remote { target: target.clone(), name: name.clone(), args: vec![l.clone()], do_block: None },
            sp,
        )),
        _ => Err(CompileError::new(sp, "cannot pipe into this expression", "not a function call")
            .help("the right side of |> must be a call such as `f()` or `Mod.f(x)`")),
    }
}

fn max_capture_arg(e: &Expr, max: &mut u32) {
    visit(e, &mut |x| {
        if let ExprKind::CaptureArg(n) = x.kind {
            *max = (*max).max(n);
        }
    });
}

fn replace_capture_args(e: &Expr) -> Expr {
    map_expr(e, &|x| match x.kind {
        ExprKind::CaptureArg(n) => Some(Expr::new(ExprKind::Var(format!("__cap{n}")), x.span)),
        // A nested capture has its own arguments.
        ExprKind::Capture(_) => Some(x.clone()),
        _ => None,
    })
}

/// The expression an attribute's reads compile to. Elixir computes an attribute once, when
/// the module is compiled; vial has no compile-time evaluation and substitutes the value's
/// expression at each read, so a value computed by calls (`@primes Enum.filter(…)`) would be
/// computed again on every read, side effects and all. Such a value becomes
/// `Kernel.Internal.attr_memo(id, fn -> value end)`, which computes it at the first read
/// and keeps it; `id` is unique to this definition of the attribute.
fn memoized_attr(value: &Expr) -> Expr {
    let mut calls = false;
    visit(value, &mut |x| {
        calls |= matches!(x.kind, ExprKind::Call { .. } | ExprKind::Remote { .. } | ExprKind::DotCall(..));
    });
    if !calls {
        return value.clone();
    }
    static NEXT_ID: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let sp = value.span;
    let thunk = Expr::new(ExprKind::Fn(vec![Clause { args: vec![], guard: None, body: value.clone(), span: sp }]), sp);
    special::remote_call(ExprKind::Alias("Kernel.Internal".into()), "attr_memo", vec![Expr::new(ExprKind::Int(id), sp), thunk], sp)
}

/// Calls `f` on every sub-expression (not descending into nested captures or fns).
fn visit(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    let mut each = |x: &Expr| visit(x, f);
    match &e.kind {
        ExprKind::Capture(_) | ExprKind::Fn(_) => {}
        ExprKind::Interp(parts) => {
            for p in parts {
                if let crate::syntax::ast::StrPart::Expr(x) = p {
                    each(x);
                }
            }
        }
        ExprKind::List(items, tail) => {
            items.iter().for_each(&mut each);
            if let Some(t) = tail {
                each(t);
            }
        }
        ExprKind::Tuple(items) | ExprKind::Block(items) => items.iter().for_each(&mut each),
        ExprKind::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            each(k);
            each(v);
        }),
        ExprKind::MapUpdate(b, pairs) | ExprKind::Struct(_, Some(b), pairs) => {
            each(b);
            pairs.iter().for_each(|(k, v)| {
                each(k);
                each(v);
            });
        }
        ExprKind::Struct(_, None, pairs) => pairs.iter().for_each(|(k, v)| {
            each(k);
            each(v);
        }),
        ExprKind::Bitstring(items) => items.iter().for_each(|s| {
            each(&s.value);
            if let Some(size) = &s.size {
                each(size);
            }
        }),
        ExprKind::BinOp(_, a, b) | ExprKind::Match(a, b) | ExprKind::Access(a, b) => {
            each(a);
            each(b);
        }
        ExprKind::UnOp(_, a) | ExprKind::Pin(a) | ExprKind::Field(a, _) | ExprKind::AttrDef(_, a) => each(a),
        ExprKind::Call { args, .. } => args.iter().for_each(&mut each),
        ExprKind::Remote { target, args, .. } => {
            each(target);
            args.iter().for_each(&mut each);
        }
        ExprKind::DotCall(t, args) => {
            each(t);
            args.iter().for_each(&mut each);
        }
        _ => {}
    }
}

/// Rebuilds `e`, replacing sub-expressions for which `f` returns `Some`.
fn map_expr(e: &Expr, f: &dyn Fn(&Expr) -> Option<Expr>) -> Expr {
    if let Some(r) = f(e) {
        return r;
    }
    let m = |x: &Expr| map_expr(x, f);
    let mb = |x: &Box<Expr>| Box::new(map_expr(x, f));
    let kind = match &e.kind {
        ExprKind::Interp(parts) => ExprKind::Interp(
            parts
                .iter()
                .map(|p| match p {
                    crate::syntax::ast::StrPart::Expr(x) => crate::syntax::ast::StrPart::Expr(m(x)),
                    other => other.clone(),
                })
                .collect(),
        ),
        ExprKind::List(items, tail) => ExprKind::List(items.iter().map(m).collect(), tail.as_ref().map(mb)),
        ExprKind::Tuple(items) => ExprKind::Tuple(items.iter().map(m).collect()),
        ExprKind::Block(items) => ExprKind::Block(items.iter().map(m).collect()),
        ExprKind::Map(pairs) => ExprKind::Map(pairs.iter().map(|(k, v)| (m(k), m(v))).collect()),
        ExprKind::MapUpdate(b, pairs) => ExprKind::MapUpdate(mb(b), pairs.iter().map(|(k, v)| (m(k), m(v))).collect()),
        ExprKind::Struct(n, b, pairs) => ExprKind::Struct(n.clone(), b.as_ref().map(mb), pairs.iter().map(|(k, v)| (m(k), m(v))).collect()),
        ExprKind::BinOp(op, a, b) => ExprKind::BinOp(*op, mb(a), mb(b)),
        ExprKind::Match(a, b) => ExprKind::Match(mb(a), mb(b)),
        ExprKind::Access(a, b) => ExprKind::Access(mb(a), mb(b)),
        ExprKind::UnOp(op, a) => ExprKind::UnOp(*op, mb(a)),
        ExprKind::Field(a, n) => ExprKind::Field(mb(a), n.clone()),
        ExprKind::Call { name, args, do_block } => ExprKind::Call { name: name.clone(), args: args.iter().map(m).collect(), do_block: do_block.clone() },
        ExprKind::Remote { target, name, args, do_block } => ExprKind::Remote { target: mb(target), name: name.clone(), args: args.iter().map(m).collect(), do_block: do_block.clone() },
        ExprKind::DotCall(t, args) => ExprKind::DotCall(mb(t), args.iter().map(m).collect()),
        ExprKind::Bitstring(items) => ExprKind::Bitstring(
            items
                .iter()
                .map(|s| crate::syntax::ast::Segment { value: m(&s.value), spec: s.spec.clone(), size: s.size.as_ref().map(&m) })
                .collect(),
        ),
        other => other.clone(),
    };
    Expr::new(kind, e.span)
}

/// Two constants are interchangeable only if they are the same kind (1 and 1.0 compare
/// equal under `==` but must stay distinct constants).
fn same_kind(a: &Term, b: &Term) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

fn patch_target(op: &mut Op, t: u32) {
    match op {
        Op::Jump(x) | Op::JumpIfFalsy(x) | Op::JumpIfTruthy(x) | Op::JumpUnlessTrue(x) => *x = t,
        Op::Interp { fallback, .. } => *fallback = t,
        Op::MatchConst { fail, .. }
        | Op::MatchLocal { fail, .. }
        | Op::MatchTuple { fail, .. }
        | Op::MatchCons { fail }
        | Op::MatchNil { fail }
        | Op::MatchMap { fail }
        | Op::MatchMapKey { fail, .. }
        | Op::MatchMapKeyDyn { fail }
        | Op::MatchPrefix { fail, .. }
        | Op::MatchByte { fail }
        | Op::MatchSegment { fail, .. }
        | Op::GuardBegin { fail } => *fail = t,
        Op::TryBegin { handler } => *handler = t,
        Op::RecvNext { empty } => *empty = t,
        Op::RecvWaitTimeout { timeout, .. } => *timeout = t,
        _ => {}
    }
}

/// The net change in operand-stack depth of `op` on its fall-through path.
fn stack_effect(op: &Op) -> i32 {
    match *op {
        Op::Const(_) | Op::Nil | Op::SmallInt(_) | Op::Load(_) | Op::Move(_) | Op::Dup => 1,
        Op::Store(_) | Op::Pop => -1,
        Op::SetSp(_) => 0,
        Op::MakeTuple(n) | Op::MakeList(n) => 1 - n as i32,
        Op::Interp { n, .. } => 1 - n as i32,
        Op::MakeListTail(n) => -(n as i32),
        Op::MakeMap(n) => 1 - 2 * n as i32,
        Op::UpdateMap(n) => -2 * n as i32,
        Op::MakeFn { captured, .. } => 1 - captured as i32,
        Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Eq | Op::NotEq | Op::StrictEq | Op::StrictNotEq => -1,
        Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Concat | Op::ListConcat | Op::ListSub | Op::In => -1,
        Op::Neg | Op::Not | Op::CheckBool => 0,
        Op::Jump(_) | Op::Switch { .. } | Op::SwitchCase { .. } => 0,
        Op::JumpIfFalsy(_) | Op::JumpIfTruthy(_) | Op::JumpUnlessTrue(_) => -1,
        Op::MatchConst { .. } | Op::MatchLocal { .. } | Op::MatchNil { .. } => -1,
        Op::MatchTuple { arity, .. } => arity as i32 - 1,
        Op::MatchCons { .. } => 1,
        Op::MatchMap { .. } => 0,
        Op::MatchMapKey { .. } => 1,
        Op::MatchMapKeyDyn { .. } => 0,
        Op::MatchPrefix { .. } => 0,
        Op::MatchByte { .. } => 1,
        Op::MatchSegment { dynamic, .. } => if dynamic { 0 } else { 1 },
        Op::Call { argc, .. } | Op::TailCall { argc, .. } | Op::CallSelf { argc, .. } | Op::Native { argc, .. } => 1 - argc as i32,
        Op::CallFun { argc } | Op::TailCallFun { argc } | Op::CallDyn { argc, .. } => -(argc as i32),
        Op::Field(_) => 0,
        Op::Return => -1,
        Op::TryBegin { .. } | Op::TryEnd | Op::GuardBegin { .. } | Op::GuardEnd => 0,
        Op::Reraise => -3,
        Op::RaiseClause(_) => -1,
        Op::FunctionClause => 0,
        Op::DefModule(_) => 1,
        Op::RecvNext { .. } => 1,
        Op::RecvAccept | Op::RecvSkip { .. } | Op::RecvWait { .. } | Op::RecvMarked { .. } => 0,
        Op::RecvWaitTimeout { .. } => -1,
        // Fused ops are written after emission; these are the effects of what they replace.
        Op::AddLocalImm { .. } | Op::SubLocalImm { .. } | Op::MulLocalImm { .. } | Op::CallLocalImm { .. } => 1,
        Op::RemLocalImm { .. } | Op::DivLocalImm { .. } => 1,
        Op::CmpLocalImmJump { .. } | Op::MatchNilLocal { .. } | Op::MatchConsLocal { .. } | Op::MatchConsLocalTake { .. } => 0,
        Op::MatchByteLocal { .. } | Op::MatchByteLocalTake { .. } => 0,
        Op::CmpLocalsJump { .. } => 1,
        Op::MatchTupleLocal { arity, stores, .. } => if stores { 0 } else { arity as i32 },
        Op::ReturnLocal(_) => 0,
        Op::AddReturn => -1,
        Op::CmpTopImm { .. } => 1,
        Op::RecvNextKeep { .. } => 1,
        Op::NativePop { argc, .. } => -(argc as i32),
        Op::CallLocalFun { .. } => 1,
        Op::MatchConstLocal { .. } => 0,
        Op::IntNative { .. } => -1,
    }
}
