//! A compact s-expression rendering of the AST, so tests can assert tree shapes in one line.
//!
//! Examples: `(+ 1 (* 2 3))`, `(. IO puts "hi")`, `(if (== a b) (do x) (else y))`,
//! `(fn (-> (x) (when (> x 0)) x))`. Recursion depth is bounded by the parser's `MAX_NESTING`.

use std::fmt::Write;

use super::ast::{BinOp, Body, Clause, DoBlock, Expr, ExprKind, StrPart, UnOp};

/// Renders an expression as an s-expression.
pub fn sexp(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e);
    s
}

fn op_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Pow => "**",
        BinOp::Concat => "<>",
        BinOp::ListConcat => "++",
        BinOp::ListSub => "--",
        BinOp::Range => "..",
        BinOp::RangeStep => "..//",
        BinOp::Eq => "==",
        BinOp::NotEq => "!=",
        BinOp::StrictEq => "===",
        BinOp::StrictNotEq => "!==",
        BinOp::Lt => "<",
        BinOp::Gt => ">",
        BinOp::Le => "<=",
        BinOp::Ge => ">=",
        BinOp::And => "and",
        BinOp::Or => "or",
        BinOp::AndAnd => "&&",
        BinOp::OrOr => "||",
        BinOp::Pipe => "|>",
        BinOp::In => "in",
        BinOp::NotIn => "not-in",
        BinOp::When => "when",
        BinOp::Arrow => "<-",
        BinOp::Default => "\\\\",
        BinOp::MatchRe => "=~",
        BinOp::Type => "::",
    }
}

fn write_all(s: &mut String, es: &[Expr]) {
    for e in es {
        s.push(' ');
        write_expr(s, e);
    }
}

fn write_pairs(s: &mut String, pairs: &[(Expr, Expr)]) {
    for (k, v) in pairs {
        s.push_str(" (");
        write_expr(s, k);
        s.push(' ');
        write_expr(s, v);
        s.push(')');
    }
}

fn write_do(s: &mut String, d: &Option<DoBlock>) {
    let Some(d) = d else { return };
    for (name, body) in &d.sections {
        let _ = write!(s, " ({name}");
        match body {
            Body::Exprs(e) => match &e.kind {
                ExprKind::Block(items) => write_all(s, items),
                _ => write_all(s, std::slice::from_ref(e)),
            },
            Body::Clauses(cs) => write_clauses(s, cs),
        }
        s.push(')');
    }
}

fn write_clauses(s: &mut String, cs: &[Clause]) {
    for c in cs {
        s.push_str(" (-> (");
        for (i, a) in c.args.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            write_expr(s, a);
        }
        s.push(')');
        if let Some(g) = &c.guard {
            s.push_str(" (when ");
            write_expr(s, g);
            s.push(')');
        }
        match &c.body.kind {
            ExprKind::Block(items) => write_all(s, items),
            _ => write_all(s, std::slice::from_ref(&c.body)),
        }
        s.push(')');
    }
}

fn write_expr(s: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Int(n) => {
            let _ = write!(s, "{n}");
        }
        ExprKind::BigInt(n) => {
            let _ = write!(s, "{n}");
        }
        ExprKind::Float(f) => {
            let _ = write!(s, "{f:?}");
        }
        ExprKind::Atom(a) => {
            let _ = write!(s, ":{a}");
        }
        ExprKind::Str(t) => {
            let _ = write!(s, "{t:?}");
        }
        ExprKind::Interp(parts) => {
            s.push_str("(interp");
            for p in parts {
                s.push(' ');
                match p {
                    StrPart::Lit(t) => {
                        let _ = write!(s, "{t:?}");
                    }
                    StrPart::Expr(e) => write_expr(s, e),
                }
            }
            s.push(')');
        }
        ExprKind::Charlist(t) => {
            let _ = write!(s, "'{}'", t.escape_debug());
        }
        ExprKind::Var(n) | ExprKind::Alias(n) | ExprKind::ModuleAttr(n) => s.push_str(n),
        ExprKind::AttrRead(n) => {
            let _ = write!(s, "@{n}");
        }
        ExprKind::List(items, tail) => {
            s.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                write_expr(s, x);
            }
            if let Some(t) = tail {
                s.push_str(" | ");
                write_expr(s, t);
            }
            s.push(']');
        }
        ExprKind::Tuple(items) => {
            s.push('{');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                write_expr(s, x);
            }
            s.push('}');
        }
        ExprKind::Map(pairs) => {
            s.push_str("(map");
            write_pairs(s, pairs);
            s.push(')');
        }
        ExprKind::MapUpdate(base, pairs) => {
            s.push_str("(update ");
            write_expr(s, base);
            write_pairs(s, pairs);
            s.push(')');
        }
        ExprKind::Struct(name, base, pairs) => {
            let _ = write!(s, "(struct {name}");
            if let Some(b) = base {
                s.push_str(" (base ");
                write_expr(s, b);
                s.push(')');
            }
            write_pairs(s, pairs);
            s.push(')');
        }
        ExprKind::Bitstring(items) => {
            s.push_str("(<<");
            for seg in items {
                s.push(' ');
                write_expr(s, &seg.value);
                if let Some(t) = &seg.spec {
                    let _ = write!(s, "::{t}");
                }
            }
            s.push(')');
        }
        ExprKind::BinOp(op, l, r) => {
            let _ = write!(s, "({}", op_name(*op));
            write_all(s, &[]);
            s.push(' ');
            write_expr(s, l);
            s.push(' ');
            write_expr(s, r);
            s.push(')');
        }
        ExprKind::UnOp(op, x) => {
            let name = match op {
                UnOp::Neg => "-",
                UnOp::Plus => "+",
                UnOp::Bang => "!",
                UnOp::Not => "not",
            };
            let _ = write!(s, "({name} ");
            write_expr(s, x);
            s.push(')');
        }
        ExprKind::Match(l, r) => {
            s.push_str("(= ");
            write_expr(s, l);
            s.push(' ');
            write_expr(s, r);
            s.push(')');
        }
        ExprKind::Pin(x) => {
            s.push_str("(^ ");
            write_expr(s, x);
            s.push(')');
        }
        ExprKind::Call { name, args, do_block } => {
            let _ = write!(s, "({name}");
            write_all(s, args);
            write_do(s, do_block);
            s.push(')');
        }
        ExprKind::Remote { target, name, args, do_block } => {
            s.push_str("(. ");
            write_expr(s, target);
            let _ = write!(s, " {name}");
            write_all(s, args);
            write_do(s, do_block);
            s.push(')');
        }
        ExprKind::Field(t, name) => {
            s.push_str("(field ");
            write_expr(s, t);
            let _ = write!(s, " {name})");
        }
        ExprKind::DotCall(f, args) => {
            s.push_str("(.() ");
            write_expr(s, f);
            write_all(s, args);
            s.push(')');
        }
        ExprKind::Access(t, k) => {
            s.push_str("(access ");
            write_expr(s, t);
            s.push(' ');
            write_expr(s, k);
            s.push(')');
        }
        ExprKind::Fn(cs) => {
            s.push_str("(fn");
            write_clauses(s, cs);
            s.push(')');
        }
        ExprKind::Stab(cs) => {
            s.push_str("(stab");
            write_clauses(s, cs);
            s.push(')');
        }
        ExprKind::CaptureNamed { module, name, arity } => {
            s.push_str("(&/ ");
            if let Some(m) = module {
                write_expr(s, m);
                s.push(' ');
            }
            let _ = write!(s, "{name} {arity})");
        }
        ExprKind::Capture(x) => {
            s.push_str("(& ");
            write_expr(s, x);
            s.push(')');
        }
        ExprKind::CaptureArg(n) => {
            let _ = write!(s, "&{n}");
        }
        ExprKind::AttrDef(n, v) => {
            let _ = write!(s, "(@{n} ");
            write_expr(s, v);
            s.push(')');
        }
        ExprKind::Block(items) => {
            s.push_str("(block");
            write_all(s, items);
            s.push(')');
        }
    }
}
