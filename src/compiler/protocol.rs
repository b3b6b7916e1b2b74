//! `defprotocol` and `defimpl`, rewritten into ordinary modules before they are compiled.
//!
//! `defprotocol Shape do def area(s) end` becomes the module `Shape` whose `area/1` asks
//! `Kernel.Internal.protocol_impl/3` for the implementation module of its first argument
//! and calls `area/1` there (see `vm/natives/protocol.rs` for the lookup order).
//! `defimpl Shape, for: Circle do … end` becomes the module `Shape.Circle`, with `@protocol`
//! and `@for` set as in Elixir; `for: [A, B]` makes one module each, and a `defimpl` inside
//! a module without `for:` implements the protocol for that module.

use super::special::remote_call;
use super::{keyword_pairs, module_display, section, CResult, CompileError, Compiler};
use crate::syntax::ast::{Expr, ExprKind, Span};
use crate::term::Atom;

/// A `defimpl`, resolved: the implementation modules' names and the body each one gets.
pub(super) struct Impl {
    pub modules: Vec<(Atom, Expr)>,
}

impl Compiler<'_> {
    /// The body of the module a `defprotocol` defines: one dispatching function per
    /// declared `def`. Attributes other than `@fallback_to_any` (`@doc`, `@spec`) are
    /// documentation and are dropped.
    pub(super) fn protocol_body(&self, body: &Expr, sp: Span) -> CResult<Expr> {
        let items: Vec<&Expr> = match &body.kind {
            ExprKind::Block(items) => items.iter().collect(),
            _ => vec![body],
        };
        let mut fallback = false;
        let mut functions = Vec::new();
        for item in &items {
            match &item.kind {
                ExprKind::AttrDef(name, value) if name == "fallback_to_any" => {
                    fallback = matches!(&value.kind, ExprKind::Atom(a) if a == "true");
                }
                ExprKind::AttrDef(..) => {}
                ExprKind::Call { name, args, do_block: None } if name == "def" => match args.as_slice() {
                    [head] => functions.push(head),
                    _ => {
                        return Err(CompileError::new(item.span, "a protocol function has no body", "here")
                            .help("declare it as `def name(arg)`; implementations go in `defimpl`"));
                    }
                },
                _ => {
                    return Err(CompileError::new(item.span, "invalid protocol body", "expected `def name(args)`")
                        .help("a protocol declares functions with `def name(arg)` and may set `@fallback_to_any true`"));
                }
            }
        }
        let mut defs = vec![
            lookup_fn("impl_for", "protocol_find", fallback, sp),
            lookup_fn("impl_for!", "protocol_impl", fallback, sp),
        ];
        let mut declared = Vec::new();
        for head in functions {
            let (name, arity) = match &head.kind {
                ExprKind::Call { name, args, .. } if !args.is_empty() => (name.clone(), args.len()),
                _ => {
                    return Err(CompileError::new(head.span, "invalid protocol function", "expected `name(arg, …)`")
                        .help("a protocol function takes at least one argument, the value it dispatches on"));
                }
            };
            let defaults: Vec<Option<Expr>> = match &head.kind {
                ExprKind::Call { args, .. } => args
                    .iter()
                    .map(|a| match &a.kind {
                        ExprKind::BinOp(crate::syntax::ast::BinOp::Default, _, d) => Some((**d).clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            declared.push((name.clone(), arity));
            defs.push(dispatcher(&name, &defaults, fallback, head.span));
        }
        // Elixir lists them in term order.
        declared.sort();
        defs.push(protocol_info(&declared, sp));
        Ok(Expr::new(ExprKind::Block(defs), sp))
    }

    /// Resolves `defimpl Protocol, for: Type do … end` (inside module `enclosing`, if any).
    pub(super) fn implementation(&self, args: &[Expr], do_block: Option<&crate::syntax::ast::DoBlock>, enclosing: Option<Atom>, sp: Span) -> CResult<Impl> {
        let invalid = || {
            CompileError::new(sp, "invalid defimpl", "here").help("write `defimpl Protocol, for: Type do ... end`")
        };
        let protocol = match args.first().map(|a| &a.kind) {
            Some(ExprKind::Alias(p)) => self.resolve_alias(p),
            _ => return Err(invalid()),
        };
        let body = section(do_block, args, "do").ok_or_else(invalid)?;
        let targets: Vec<Atom> = match args.get(1).and_then(keyword_pairs).and_then(|kw| kw.into_iter().find(|(k, _)| k == "for")) {
            Some((_, v)) => match &v.kind {
                ExprKind::Alias(t) => vec![self.resolve_alias(t)],
                ExprKind::List(items, None) => items
                    .iter()
                    .map(|i| match &i.kind {
                        ExprKind::Alias(t) => Ok(self.resolve_alias(t)),
                        _ => Err(invalid()),
                    })
                    .collect::<CResult<_>>()?,
                _ => return Err(invalid()),
            },
            None => vec![enclosing.ok_or_else(invalid)?],
        };
        let attr = |name: &str, value: Atom| {
            let alias = Expr::new(ExprKind::Alias(module_display(value).to_string()), sp);
            Expr::new(ExprKind::AttrDef(name.into(), Box::new(alias)), sp)
        };
        let modules = targets
            .into_iter()
            .map(|target| {
                let name = Atom::alias(&format!("{}.{}", module_display(protocol), module_display(target)));
                let mut items = vec![attr("protocol", protocol), attr("for", target)];
                match &body.kind {
                    ExprKind::Block(b) => items.extend(b.iter().cloned()),
                    _ => items.push(body.clone()),
                }
                (name, Expr::new(ExprKind::Block(items), body.span))
            })
            .collect();
        Ok(Impl { modules })
    }
}

fn def(head: Expr, body: Expr, sp: Span) -> Expr {
    let e = |kind: ExprKind| Expr::new(kind, sp);
    let kw = e(ExprKind::List(vec![e(ExprKind::Tuple(vec![e(ExprKind::Atom("do".into())), body]))], None));
    e(ExprKind::Call { name: "def".into(), args: vec![head, kw], do_block: None })
}

/// `def impl_for(value), do: Kernel.Internal.<native>(__MODULE__, value, fallback)`.
fn lookup_fn(name: &str, native: &str, fallback: bool, sp: Span) -> Expr {
    let e = |kind: ExprKind| Expr::new(kind, sp);
    let value = e(ExprKind::Var("value".into()));
    let args = vec![e(ExprKind::ModuleAttr("__MODULE__".into())), value.clone(), e(ExprKind::Atom(fallback.to_string()))];
    let body = remote_call(ExprKind::Alias("Kernel.Internal".into()), native, args, sp);
    def(e(ExprKind::Call { name: name.into(), args: vec![value], do_block: None }), body, sp)
}

/// `def __protocol__(:functions), do: [name: arity, …]`.
fn protocol_info(declared: &[(String, usize)], sp: Span) -> Expr {
    let e = |kind: ExprKind| Expr::new(kind, sp);
    let pairs = declared
        .iter()
        .map(|(n, a)| e(ExprKind::Tuple(vec![e(ExprKind::Atom(n.clone())), e(ExprKind::Int(*a as i64))])))
        .collect();
    let head = e(ExprKind::Call { name: "__protocol__".into(), args: vec![e(ExprKind::Atom("functions".into()))], do_block: None });
    def(head, e(ExprKind::List(pairs, None)), sp)
}

/// `def name(a1, …, an), do: Kernel.Internal.protocol_impl(__MODULE__, a1, fallback).name(a1, …, an)`,
/// with the declared defaults (`def scale(s, k \\ 2)`) on its parameters.
fn dispatcher(name: &str, defaults: &[Option<Expr>], fallback: bool, sp: Span) -> Expr {
    let e = |kind: ExprKind| Expr::new(kind, sp);
    let params: Vec<Expr> = (1..=defaults.len()).map(|i| e(ExprKind::Var(format!("arg{i}")))).collect();
    let head_params: Vec<Expr> = params
        .iter()
        .zip(defaults)
        .map(|(p, d)| match d {
            Some(d) => e(ExprKind::BinOp(crate::syntax::ast::BinOp::Default, Box::new(p.clone()), Box::new(d.clone()))),
            None => p.clone(),
        })
        .collect();
    let first = params.first().cloned().unwrap_or_else(|| e(ExprKind::Atom("nil".into())));
    let args = vec![e(ExprKind::ModuleAttr("__MODULE__".into())), first, e(ExprKind::Atom(fallback.to_string()))];
    let lookup = remote_call(ExprKind::Alias("Kernel.Internal".into()), "protocol_impl", args, sp);
    // The implementation module goes through a variable: a call on a computed module.
    let module = e(ExprKind::Var("impl@".into()));
    let bind = e(ExprKind::Match(Box::new(module.clone()), Box::new(lookup)));
    let call = e(ExprKind::Remote { target: Box::new(module), name: name.into(), args: params.clone(), do_block: None });
    let head = e(ExprKind::Call { name: name.into(), args: head_params, do_block: None });
    def(head, e(ExprKind::Block(vec![bind, call])), sp)
}
