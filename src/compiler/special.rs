//! Special forms: the constructs Elixir defines as macros (`if`, `case`, `cond`, `receive`,
//! `try`, `with`, `for`, …), recognised by name and compiled to jumps and handlers.

use super::{keyword_pairs, section, CResult, CompileError, Compiler, Label};
use crate::bytecode::Op;
use crate::syntax::ast::{BinOp, Body, Clause, DoBlock, Expr, ExprKind, Span};
use crate::term::{Atom, Term};

impl Compiler<'_> {
    /// Compiles `name(args) do … end` if `name` is a special form; `false` otherwise.
    pub(super) fn special_form(&mut self, name: &str, args: &[Expr], db: Option<&DoBlock>, sp: Span, tail: bool) -> CResult<bool> {
        match name {
            "if" | "unless" if args.len() <= 2 && (db.is_some() || args.len() == 2) => {
                let cond = args.first().ok_or_else(|| CompileError::new(sp, format!("{name} needs a condition"), "here"))?;
                let then = section(db, args, "do").ok_or_else(|| {
                    CompileError::new(sp, format!("missing do in {name}"), "here").help("write `if cond do ... end` or `if cond, do: ...`")
                })?;
                let els = section(db, args, "else");
                let (t, e) = if name == "if" { (Some(then), els) } else { (els, Some(then)) };
                self.expr(cond, false)?;
                let d = self.depth() - 1;
                let jf = self.emit_jump(Op::JumpIfFalsy(0), sp);
                self.scoped_expr(t.as_ref(), sp, tail)?;
                let end = self.emit_jump(Op::Jump(0), sp);
                self.set_depth(d);
                self.bind(jf);
                self.scoped_expr(e.as_ref(), sp, tail)?;
                self.bind(end);
            }
            "case" if db.is_some() || args.len() == 2 => {
                let subject = args.first().ok_or_else(|| CompileError::new(sp, "case needs an expression", "here"))?;
                let clauses = clauses_of(db, args, "do", sp)?;
                self.expr(subject, false)?;
                self.match_clauses(&clauses, sp, tail, Atom::ELIXIR_CASE_CLAUSE_ERROR)?;
            }
            "cond" => {
                let clauses = clauses_of(db, args, "do", sp)?;
                let d = self.depth();
                let mut ends = Vec::new();
                for cl in &clauses {
                    let c = cl.args.first().ok_or_else(|| CompileError::new(cl.span, "cond clause needs a condition", "here"))?;
                    self.expr(c, false)?;
                    let next = self.emit_jump(Op::JumpIfFalsy(0), cl.span);
                    self.push_scope();
                    self.expr(&cl.body, tail)?;
                    self.pop_scope();
                    ends.push(self.emit_jump(Op::Jump(0), cl.span));
                    self.set_depth(d);
                    self.bind(next);
                }
                let k = self.constant(Term::Atom(Atom::ELIXIR_COND_CLAUSE_ERROR));
                self.emit(Op::Nil, sp);
                self.emit(Op::RaiseClause(k), sp);
                self.set_depth(d + 1);
                self.bind_all(&ends);
            }
            "match?" if args.len() == 2 && db.is_none() => {
                // `match?(pattern, value)`: a pattern test whose bindings do not escape.
                self.expr(&args[1], false)?;
                let d = self.depth() - 1;
                let (pat, guard) = match &args[0].kind {
                    ExprKind::BinOp(BinOp::When, p, g) => (&**p, Some(&**g)),
                    _ => (&args[0], None),
                };
                self.push_scope();
                let mut fails = Vec::new();
                let bound = self.pattern(pat, &mut fails)?;
                for (n, slot) in bound {
                    self.bind_var(&n, slot);
                }
                if let Some(g) = guard {
                    self.guard(g, &mut fails)?;
                }
                self.pop_scope();
                self.push_const(Term::TRUE, sp);
                let end = self.emit_jump(Op::Jump(0), sp);
                self.bind_all(&fails);
                self.reset_to(d, sp);
                self.push_const(Term::FALSE, sp);
                self.bind(end);
            }
            "receive" => self.receive(db, args, sp, tail)?,
            "try" => self.try_form(db, args, sp)?,
            "with" => self.with_form(args, db, sp, tail)?,
            "for" => self.for_form(args, db, sp)?,
            "defmodule" => self.defmodule(args, db, sp)?,
            "defprotocol" => {
                let body = section(db, args, "do").ok_or_else(|| {
                    CompileError::new(sp, "invalid defprotocol", "here").help("write `defprotocol Name do def f(x) end`")
                })?;
                let body = self.protocol_body(&body, sp)?;
                let db = DoBlock { sections: vec![("do".into(), Body::Exprs(body))], span: sp };
                self.defmodule(args.get(..1).unwrap_or(&[]), Some(&db), sp)?;
            }
            "defimpl" => {
                let imp = self.implementation(args, db, self.module.name, sp)?;
                let n = imp.modules.len();
                for (i, (module, body)) in imp.modules.into_iter().enumerate() {
                    let db = DoBlock { sections: vec![("do".into(), Body::Exprs(body))], span: sp };
                    self.defmodule(&[Expr::new(ExprKind::Atom(module.name().into()), sp)], Some(&db), sp)?;
                    if i + 1 < n {
                        self.emit(Op::Pop, sp);
                    }
                }
            }
            "alias" | "import" | "require" if !args.is_empty() => self.directive(name, args, sp)?,
            "def" | "defp" | "defmacro" | "defstruct" | "defexception" => {
                return Err(CompileError::new(sp, format!("cannot invoke {name} outside module"), "here")
                    .help("put this definition inside `defmodule Name do ... end`"));
            }
            "__block__" => {
                self.block(args, sp, tail)?;
            }
            "put_in" | "update_in" | "get_and_update_in" | "pop_in"
                if args.len() == if name == "pop_in" { 1 } else { 2 } && access_path(&args[0]).is_some() =>
            {
                // `put_in(m.a[:b], v)` is `put_in(m, [Access.key!(:a), :b], v)`.
                let Some((root, keys)) = access_path(&args[0]) else { return Ok(false) };
                let mut call_args = vec![root, Expr::new(ExprKind::List(keys, None), args[0].span)];
                call_args.extend(args.iter().skip(1).cloned());
                let call = Expr::new(ExprKind::Call { name: name.into(), args: call_args, do_block: None }, sp);
                self.expr(&call, tail)?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Kernel functions that are really control flow. None at present: `raise`, `throw`,
    /// `exit` and `apply` are natives that return control requests to the VM.
    pub(super) fn kernel_special(&mut self, _name: &str, _args: &[Expr], _sp: Span, _tail: bool) -> CResult<bool> {
        Ok(false)
    }

    /// The head of a one-pattern clause (`case`, `receive`): opens the clause's scope,
    /// matches the value in local `subject` and checks the guard. Returns the labels to
    /// bind where the next clause starts; the caller compiles the body and closes the scope.
    fn clause_head(&mut self, cl: &Clause, subject: u16) -> CResult<Vec<Label>> {
        let pat = clause_pattern(cl)?;
        self.emit(Op::Load(subject), cl.span);
        self.push_scope();
        let mut fails = Vec::new();
        let bound = self.pattern(pat, &mut fails)?;
        for (n, s) in bound {
            self.bind_var(&n, s);
        }
        if let Some(g) = &cl.guard {
            self.guard(g, &mut fails)?;
        }
        Ok(fails)
    }

    /// Compiles an optional branch in its own variable scope (`nil` when absent).
    fn scoped_expr(&mut self, e: Option<&Expr>, sp: Span, tail: bool) -> CResult {
        self.push_scope();
        let r = match e {
            Some(e) => self.expr(e, tail),
            None => {
                self.emit_nil(sp);
                Ok(())
            }
        };
        self.pop_scope();
        r
    }

    /// Matches the value on top of the stack against `clauses` (case-style); raises
    /// `error` with the value when none matches. Leaves the chosen body's value.
    fn match_clauses(&mut self, clauses: &[Clause], sp: Span, tail: bool, error: Atom) -> CResult {
        let tmp = self.new_slot(sp)?;
        self.emit(Op::Store(tmp), sp);
        let d = self.depth();
        let mut ends = Vec::new();
        let pats: Vec<_> = clauses.iter().map(|c| c.args.first()).collect();
        let switch = self.start_switch(&pats, tmp, sp);
        let mut starts = Vec::with_capacity(clauses.len());
        for cl in clauses {
            starts.push(self.here());
            let fails = self.clause_head(cl, tmp)?;
            self.expr(&cl.body, tail)?;
            self.pop_scope();
            ends.push(self.emit_jump(Op::Jump(0), cl.span));
            self.bind_all(&fails);
            self.reset_to(d, cl.span);
        }
        if let Some(p) = switch {
            let none = self.here();
            self.finish_switch(p, &starts, none);
        }
        self.emit(Op::Load(tmp), sp);
        let k = self.constant(Term::Atom(error));
        self.emit(Op::RaiseClause(k), sp);
        self.set_depth(d + 1);
        self.bind_all(&ends);
        Ok(())
    }

    fn receive(&mut self, db: Option<&DoBlock>, args: &[Expr], sp: Span, tail: bool) -> CResult {
        let clauses = match section_body(db, args, "do") {
            Some(Body::Clauses(c)) => c,
            Some(Body::Exprs(e)) if matches!(&e.kind, ExprKind::Block(v) if v.is_empty()) => vec![],
            None => vec![],
            Some(Body::Exprs(e)) => {
                return Err(CompileError::new(e.span, "receive expects `pattern -> body` clauses", "here"));
            }
        };
        let after = match section_body(db, args, "after") {
            Some(Body::Clauses(c)) => {
                if c.len() != 1 {
                    return Err(CompileError::new(sp, "receive's after takes exactly one clause", "here")
                        .help("write `after 1_000 -> ...`"));
                }
                c.into_iter().next()
            }
            Some(Body::Exprs(e)) => return Err(CompileError::new(e.span, "invalid after", "expected `timeout -> body`")),
            None => None,
        };
        let tmp = self.new_slot(sp)?;
        if let Some(var) = common_pin(&clauses) {
            if let Some(slot) = self.lookup(&var) {
                self.emit(Op::RecvMarked { slot }, sp);
            }
        }
        let d = self.depth();
        let top = self.here();
        let next = self.emit_jump(Op::RecvNext { empty: 0 }, sp);
        self.emit(Op::Store(tmp), sp);
        let mut ends = Vec::new();
        for cl in &clauses {
            let fails = self.clause_head(cl, tmp)?;
            self.emit(Op::RecvAccept, cl.span);
            self.expr(&cl.body, tail)?;
            self.pop_scope();
            ends.push(self.emit_jump(Op::Jump(0), cl.span));
            self.bind_all(&fails);
            self.reset_to(d, cl.span);
        }
        self.emit(Op::RecvSkip { next: top }, sp);
        self.bind(next);
        self.set_depth(d);
        match after {
            None => {
                self.emit(Op::RecvWait { retry: top }, sp);
                // Never falls through; keep the depth bookkeeping consistent for `ends`.
            }
            Some(cl) => {
                let t = cl.args.first().ok_or_else(|| CompileError::new(cl.span, "after needs a timeout", "here"))?;
                self.expr(t, false)?;
                let w = self.emit_jump(Op::RecvWaitTimeout { retry: top, timeout: 0 }, cl.span);
                self.bind(w);
                self.set_depth(d);
                self.push_scope();
                self.expr(&cl.body, tail)?;
                self.pop_scope();
                ends.push(self.emit_jump(Op::Jump(0), cl.span));
            }
        }
        self.set_depth(d + 1);
        self.bind_all(&ends);
        Ok(())
    }

    fn try_form(&mut self, db: Option<&DoBlock>, args: &[Expr], sp: Span) -> CResult {
        let body = section(db, args, "do").ok_or_else(|| CompileError::new(sp, "try needs a do block", "here"))?;
        let rescue = match section_body(db, args, "rescue") {
            Some(Body::Clauses(c)) => c,
            Some(Body::Exprs(e)) => return Err(CompileError::new(e.span, "rescue expects clauses", "here").help("write `rescue e in RuntimeError -> ...`")),
            None => vec![],
        };
        let catch = match section_body(db, args, "catch") {
            Some(Body::Clauses(c)) => c,
            Some(Body::Exprs(e)) => return Err(CompileError::new(e.span, "catch expects clauses", "here").help("write `catch kind, value -> ...`")),
            None => vec![],
        };
        let else_ = match section_body(db, args, "else") {
            Some(Body::Clauses(c)) => Some(c),
            Some(Body::Exprs(e)) => return Err(CompileError::new(e.span, "else in try expects clauses", "here")),
            None => None,
        };
        let after = section(db, args, "after");
        let d = self.depth();

        // The `after` block wraps everything else in a handler of its own.
        let after_h = if after.is_some() { Some(self.emit_jump(Op::TryBegin { handler: 0 }, sp)) } else { None };

        let has_handlers = !rescue.is_empty() || !catch.is_empty();
        let h = if has_handlers { Some(self.emit_jump(Op::TryBegin { handler: 0 }, sp)) } else { None };
        self.push_scope();
        self.expr(&body, false)?;
        self.pop_scope();
        if has_handlers {
            self.emit(Op::TryEnd, sp);
        }
        if let Some(els) = &else_ {
            self.match_clauses(els, sp, false, Atom::ELIXIR_TRY_CLAUSE_ERROR)?;
        }
        let mut ends = Vec::new();
        if let Some(h) = h {
            ends.push(self.emit_jump(Op::Jump(0), sp));
            self.set_depth(d + if after.is_some() { 0 } else { 0 });
            self.bind(h);
            // The VM resumes here with [kind, reason, stacktrace] pushed.
            self.set_depth(d + 3);
            let st = self.new_slot(sp)?;
            let reason = self.new_slot(sp)?;
            let kind = self.new_slot(sp)?;
            self.emit(Op::Store(st), sp);
            self.emit(Op::Store(reason), sp);
            self.emit(Op::Store(kind), sp);
            let hd = self.depth();
            for cl in &rescue {
                self.push_scope();
                self.bind_var("__STACKTRACE__", st);
                let mut fails = Vec::new();
                self.rescue_clause(cl, kind, reason, &mut fails)?;
                self.expr(&cl.body, false)?;
                self.pop_scope();
                ends.push(self.emit_jump(Op::Jump(0), cl.span));
                self.bind_all(&fails);
                self.reset_to(hd, cl.span);
            }
            for cl in &catch {
                self.push_scope();
                self.bind_var("__STACKTRACE__", st);
                let mut fails = Vec::new();
                let (kpat, vpat) = match cl.args.as_slice() {
                    [v] => (None, v),
                    [k, v] => (Some(k), v),
                    _ => return Err(CompileError::new(cl.span, "invalid catch clause", "expected `value ->` or `kind, value ->`")),
                };
                let mut bound = Vec::new();
                match kpat {
                    Some(k) => {
                        self.emit(Op::Load(kind), cl.span);
                        self.pattern_with(k, &mut fails, &mut bound)?;
                    }
                    None => {
                        self.emit(Op::Load(kind), cl.span);
                        let kk = self.constant(Term::Atom(Atom::THROW));
                        fails.push(self.emit_jump(Op::MatchConst { k: kk, fail: 0 }, cl.span));
                    }
                }
                self.emit(Op::Load(reason), cl.span);
                self.pattern_with(vpat, &mut fails, &mut bound)?;
                for (n, s) in bound {
                    self.bind_var(&n, s);
                }
                if let Some(g) = &cl.guard {
                    self.guard(g, &mut fails)?;
                }
                self.expr(&cl.body, false)?;
                self.pop_scope();
                ends.push(self.emit_jump(Op::Jump(0), cl.span));
                self.bind_all(&fails);
                self.reset_to(hd, cl.span);
            }
            self.emit(Op::Load(kind), sp);
            self.emit(Op::Load(reason), sp);
            self.emit(Op::Load(st), sp);
            self.emit(Op::Reraise, sp);
            self.set_depth(d + 1);
            self.bind_all(&ends);
        }
        if let (Some(ah), Some(after)) = (after_h, after) {
            self.emit(Op::TryEnd, sp);
            // Normal path: run `after`, discard its value, keep the body's.
            self.push_scope();
            self.expr(&after, false)?;
            self.pop_scope();
            self.emit(Op::Pop, sp);
            let end = self.emit_jump(Op::Jump(0), sp);
            // Exceptional path: run `after`, then re-raise.
            self.bind(ah);
            self.set_depth(d + 3);
            let st = self.new_slot(sp)?;
            let reason = self.new_slot(sp)?;
            let kind = self.new_slot(sp)?;
            self.emit(Op::Store(st), sp);
            self.emit(Op::Store(reason), sp);
            self.emit(Op::Store(kind), sp);
            self.push_scope();
            self.expr(&after, false)?;
            self.pop_scope();
            self.emit(Op::Pop, sp);
            self.emit(Op::Load(kind), sp);
            self.emit(Op::Load(reason), sp);
            self.emit(Op::Load(st), sp);
            self.emit(Op::Reraise, sp);
            self.set_depth(d + 1);
            self.bind(end);
        }
        Ok(())
    }

    /// `rescue` clause heads: `e in [A, B]`, `e in A`, `A`, `e`.
    fn rescue_clause(&mut self, cl: &Clause, kind: u16, reason: u16, fails: &mut Vec<Label>) -> CResult {
        let pat = clause_pattern(cl)?;
        self.emit(Op::Load(kind), cl.span);
        let ke = self.constant(Term::Atom(Atom::ERROR));
        fails.push(self.emit_jump(Op::MatchConst { k: ke, fail: 0 }, cl.span));
        let (var, mods): (Option<&str>, Vec<&Expr>) = match &pat.kind {
            ExprKind::BinOp(BinOp::In, v, m) => {
                let var = match &v.kind {
                    ExprKind::Var(n) => Some(n.as_str()),
                    _ => return Err(CompileError::new(v.span, "invalid rescue", "expected a variable before `in`")),
                };
                let mods = match &m.kind {
                    ExprKind::List(items, None) => items.iter().collect(),
                    _ => vec![&**m],
                };
                (var, mods)
            }
            ExprKind::Var(n) => (Some(n.as_str()), vec![]),
            ExprKind::Alias(_) => (None, vec![pat]),
            ExprKind::List(items, None) => (None, items.iter().collect()),
            _ => return Err(CompileError::new(pat.span, "invalid rescue clause", "here").help("write `e in RuntimeError ->` or `RuntimeError ->`")),
        };
        if !mods.is_empty() {
            // Check `reason.__struct__` against each module; any match passes.
            let mut oks = Vec::new();
            let d = self.depth();
            for (i, m) in mods.iter().enumerate() {
                let ExprKind::Alias(a) = &m.kind else {
                    return Err(CompileError::new(m.span, "invalid rescue", "expected an exception module"));
                };
                let matom = self.resolve_alias(a);
                self.emit(Op::Load(reason), m.span);
                let mut local_fails = Vec::new();
                local_fails.push(self.emit_jump(Op::MatchMap { fail: 0 }, m.span));
                let sk = self.constant(Term::Atom(Atom::STRUCT));
                local_fails.push(self.emit_jump(Op::MatchMapKey { k: sk, fail: 0 }, m.span));
                let mk = self.constant(Term::Atom(matom));
                local_fails.push(self.emit_jump(Op::MatchConst { k: mk, fail: 0 }, m.span));
                self.emit(Op::Pop, m.span);
                oks.push(self.emit_jump(Op::Jump(0), m.span));
                self.bind_all(&local_fails);
                self.reset_to(d, m.span);
                if i == mods.len() - 1 {
                    fails.push(self.emit_jump(Op::Jump(0), m.span));
                }
            }
            self.bind_all(&oks);
            self.set_depth(d);
        }
        if let Some(v) = var {
            if v != "_" {
                let slot = self.new_slot(cl.span)?;
                self.emit(Op::Load(reason), cl.span);
                self.emit(Op::Store(slot), cl.span);
                self.bind_var(v, slot);
            }
        }
        Ok(())
    }

    fn with_form(&mut self, args: &[Expr], db: Option<&DoBlock>, sp: Span, tail: bool) -> CResult {
        let body = section(db, args, "do").ok_or_else(|| CompileError::new(sp, "with needs a do block", "here"))?;
        let else_ = match section_body(db, args, "else") {
            Some(Body::Clauses(c)) => Some(c),
            Some(Body::Exprs(e)) => return Err(CompileError::new(e.span, "with's else expects clauses", "here")),
            None => None,
        };
        // With `do:` keyword syntax, the last argument is the keyword list itself.
        let steps: &[Expr] = if db.is_none() && args.last().and_then(keyword_pairs).is_some() { &args[..args.len() - 1] } else { args };
        let tmp = self.new_slot(sp)?;
        let d = self.depth();
        self.push_scope();
        let mut fails = Vec::new();
        for s in steps {
            match &s.kind {
                ExprKind::BinOp(BinOp::Arrow, pat, value) => {
                    let (pat, guard) = match &pat.kind {
                        ExprKind::BinOp(BinOp::When, p, g) => (&**p, Some(&**g)),
                        _ => (&**pat, None),
                    };
                    self.expr(value, false)?;
                    self.emit(Op::Dup, s.span);
                    self.emit(Op::Store(tmp), s.span);
                    let bound = self.pattern(pat, &mut fails)?;
                    for (n, sl) in bound {
                        self.bind_var(&n, sl);
                    }
                    if let Some(g) = guard {
                        self.guard(g, &mut fails)?;
                    }
                }
                _ => {
                    self.expr(s, false)?;
                    self.emit(Op::Pop, s.span);
                }
            }
        }
        self.expr(&body, tail && else_.is_none())?;
        self.pop_scope();
        let end = self.emit_jump(Op::Jump(0), sp);
        self.bind_all(&fails);
        self.reset_to(d, sp);
        self.emit(Op::Load(tmp), sp);
        match else_ {
            None => {}
            Some(cl) => self.match_clauses(&cl, sp, tail, Atom::ELIXIR_WITH_CLAUSE_ERROR)?,
        }
        self.set_depth(d + 1);
        self.bind(end);
        Ok(())
    }

    /// `for gen1, filter, gen2, into: x, do: body` is lowered to nested `Enum.flat_map`
    /// calls with lambdas, then `Enum.into/2` (or `reduce:` to `Enum.reduce/3`).
    fn for_form(&mut self, args: &[Expr], db: Option<&DoBlock>, sp: Span) -> CResult {
        let opts = args.last().and_then(keyword_pairs).unwrap_or_default();
        let quals: Vec<&Expr> = if args.last().and_then(keyword_pairs).is_some() { args[..args.len() - 1].iter().collect() } else { args.iter().collect() };
        let into = opts.iter().find(|(k, _)| k == "into").map(|(_, v)| v.clone());
        let reduce = opts.iter().find(|(k, _)| k == "reduce").map(|(_, v)| v.clone());
        let uniq = opts.iter().any(|(k, v)| k == "uniq" && matches!(&v.kind, ExprKind::Atom(a) if a == "true"));
        let call = |m: &str, f: &str, a: Vec<Expr>| remote_call(ExprKind::Alias(m.into()), f, a, sp);
        let lowered = if let Some(acc0) = reduce {
            // for x <- xs, reduce: acc do pattern -> body end
            let clauses = clauses_of(db, args, "do", sp)?;
            let acc_var = Expr::new(ExprKind::Var(FOR_ACC.into()), sp);
            lower_reduce(&quals, clauses, acc_var, acc0, sp)?
        } else {
            let body = section(db, args, "do").ok_or_else(|| CompileError::new(sp, "for needs a do block", "here"))?;
            let flat = match quals.first().map(|q| binary_generator(q).unwrap_or_else(|| (*q).clone())) {
                Some(Expr { kind: ExprKind::BinOp(BinOp::Arrow, ..), .. }) => {
                    // As Elixir compiles it: the results consed onto an accumulator by
                    // `Enum.reduce`, reversed once at the end. One closure call and one cell
                    // per element; the `flat_map` form also built and matched a `[x]` each.
                    let acc = Expr::new(ExprKind::Var(FOR_ACC.into()), sp);
                    let empty = Expr::new(ExprKind::List(vec![], None), sp);
                    let collected = lower_collect(&quals, body, empty, &acc, sp);
                    remote_call(ExprKind::Atom("lists".into()), "reverse", vec![collected], sp)
                }
                // A filter before any generator: the general form.
                _ => lower_for(&quals, Expr::new(ExprKind::List(vec![body], None), sp), sp)?,
            };
            let flat = if uniq { call("Enum", "uniq", vec![flat]) } else { flat };
            match into {
                Some(i) => call("Enum", "into", vec![flat, i]),
                None => flat,
            }
        };
        self.expr(&lowered, false)
    }
}

/// The accumulator variable of a lowered `for`: a name no source can spell, so it never meets
/// a user's variable (`for __for_acc <- xs` would otherwise repeat it in one pattern).
const FOR_ACC: &str = "for acc";

/// The AST of a remote call `target.name(args)`, for code the compiler writes itself.
/// The root and keys of a path written as access syntax (`m.a[:b]`, `s.items`), as the
/// path macros take it: `[k]` is the key `k`, `.f` the accessor `Access.key!(:f)` (the field
/// must exist). `None` if the expression is not such a path.
fn access_path(e: &Expr) -> Option<(Expr, Vec<Expr>)> {
    let (inner, key) = match &e.kind {
        ExprKind::Access(t, k) => (t, (**k).clone()),
        ExprKind::Field(t, f) => {
            let field = Expr::new(ExprKind::Atom(f.clone()), e.span);
            (t, remote_call(ExprKind::Alias("Access".into()), "key!", vec![field], e.span))
        }
        _ => return None,
    };
    let (root, mut keys) = access_path(inner).unwrap_or_else(|| ((**inner).clone(), Vec::new()));
    keys.push(key);
    Some((root, keys))
}

/// The AST of `target.name(args)`.
pub(super) fn remote_call(target: ExprKind, name: &str, args: Vec<Expr>, sp: Span) -> Expr {
    Expr::new(ExprKind::Remote { target: Box::new(Expr::new(target, sp)), name: name.into(), args, do_block: None }, sp)
}

/// The AST of `if cond, do: then, else: otherwise`.
fn if_else(cond: Expr, then: Expr, otherwise: Expr, sp: Span) -> Expr {
    let pair = |k: &str, v: Expr| Expr::new(ExprKind::Tuple(vec![Expr::new(ExprKind::Atom(k.into()), sp), v]), sp);
    let kw = Expr::new(ExprKind::List(vec![pair("do", then), pair("else", otherwise)], None), sp);
    Expr::new(ExprKind::Call { name: "if".into(), args: vec![cond, kw], do_block: None }, sp)
}

/// `for` without `reduce:`: each generator becomes `Enum.flat_map(enum, fn pat -> … ; _ -> [] end)`,
/// each filter `if filter, do: …, else: []`.
fn lower_for(quals: &[&Expr], inner: Expr, sp: Span) -> CResult<Expr> {
    let Some((first, rest)) = quals.split_first() else {
        return Ok(inner);
    };
    let rewritten = binary_generator(first);
    let first: &Expr = rewritten.as_ref().unwrap_or(first);
    let rest_expr = lower_for(rest, inner, sp)?;
    let empty = Expr::new(ExprKind::List(vec![], None), sp);
    Ok(match &first.kind {
        ExprKind::BinOp(BinOp::Arrow, pat, enumerable) => {
            let (pat, guard) = match &pat.kind {
                ExprKind::BinOp(BinOp::When, p, g) => ((**p).clone(), Some((**g).clone())),
                _ => ((**pat).clone(), None),
            };
            let mut clauses = vec![Clause { args: vec![pat], guard, body: rest_expr, span: sp }];
            clauses.push(Clause { args: vec![Expr::new(ExprKind::Var("_".into()), sp)], guard: None, body: empty, span: sp });
            let f = Expr::new(ExprKind::Fn(clauses), sp);
            remote_call(ExprKind::Alias("Enum".into()), "flat_map", vec![(**enumerable).clone(), f], sp)
        }
        _ => if_else((*first).clone(), rest_expr, empty, sp),
    })
}

/// `for` without options, starting with a generator: each generator becomes
/// `Enum.reduce(enum, acc, fn pat, acc -> …; _, acc -> acc end)`, each filter
/// `if filter, do: …, else: acc`, and the innermost body `[body | acc]`. `init` is the
/// accumulator the outermost `reduce` starts from; inside it, the lambdas' `acc`.
fn lower_collect(quals: &[&Expr], body: Expr, init: Expr, acc: &Expr, sp: Span) -> Expr {
    let Some((first, rest)) = quals.split_first() else {
        return Expr::new(ExprKind::List(vec![body], Some(Box::new(init))), sp);
    };
    let rewritten = binary_generator(first);
    let first: &Expr = rewritten.as_ref().unwrap_or(first);
    match &first.kind {
        ExprKind::BinOp(BinOp::Arrow, pat, enumerable) => {
            let (pat, guard) = match &pat.kind {
                ExprKind::BinOp(BinOp::When, p, g) => ((**p).clone(), Some((**g).clone())),
                _ => ((**pat).clone(), None),
            };
            let inner = lower_collect(rest, body, acc.clone(), acc, sp);
            let clauses = vec![
                Clause { args: vec![pat, acc.clone()], guard, body: inner, span: sp },
                Clause { args: vec![Expr::new(ExprKind::Var("_".into()), sp), acc.clone()], guard: None, body: acc.clone(), span: sp },
            ];
            let f = Expr::new(ExprKind::Fn(clauses), sp);
            remote_call(ExprKind::Alias("Enum".into()), "reduce", vec![(**enumerable).clone(), init, f], sp)
        }
        _ => {
            let inner = lower_collect(rest, body, init.clone(), acc, sp);
            if_else((*first).clone(), inner, init, sp)
        }
    }
}

/// A bitstring generator. `<<c <- binary>>` generates the bytes of a binary: it becomes
/// `c <- :binary.bin_to_list(binary)`. Typed or several segments (`<<c::utf8 <- s>>`,
/// `<<r, g, b <- pixels>>`) become `[c] <- Kernel.__bin_chunks__(binary, specs)` and
/// `[r, g, b] <- …`: the native cuts the binary into the segments' values, stopping where
/// the rest no longer matches, as Elixir's generator does. Sizes must be constants.
fn binary_generator(q: &Expr) -> Option<Expr> {
    let ExprKind::Bitstring(items) = &q.kind else { return None };
    let (last, init) = items.split_last()?;
    let ExprKind::BinOp(BinOp::Arrow, last_pat, bin) = &last.value.kind else { return None };
    let sp = q.span;
    if init.is_empty() && last.spec.is_none() && !matches!(last_pat.kind, ExprKind::BinOp(BinOp::Type, ..)) {
        let bytes = remote_call(ExprKind::Atom("binary".into()), "bin_to_list", vec![(**bin).clone()], sp);
        return Some(Expr::new(ExprKind::BinOp(BinOp::Arrow, last_pat.clone(), Box::new(bytes)), sp));
    }
    let segments: Vec<_> =
        init.iter().cloned().chain(std::iter::once(crate::syntax::ast::Segment { value: (**last_pat).clone(), ..last.clone() })).collect();
    let mut pats = Vec::new();
    let mut specs = Vec::new();
    let mut i = 0;
    while let Some(segment) = segments.get(i) {
        // Fields narrower than a byte (`<<hi::4, lo::4 <- bin>>`): their run is cut out as
        // whole bytes and matched by a binary pattern of the same fields.
        if let Some(fields) = super::pattern::sub_byte_group(segments.get(i..).unwrap_or(&[])) {
            let bits: u32 = fields.iter().map(|(b, _)| b).sum();
            let group = segments.get(i..i + fields.len()).unwrap_or(&[]).to_vec();
            pats.push(Expr::new(ExprKind::Bitstring(group), sp));
            let spec = crate::bitstring::Spec { size: crate::bitstring::SizeExpr::Lit(bits / 8), ..crate::bitstring::Spec::BINARY };
            specs.push(Expr::new(ExprKind::Int(spec.pack()), sp));
            i += fields.len();
            continue;
        }
        i += 1;
        let (pat, text) = super::pattern::segment_parts(segment);
        let spec = crate::bitstring::Spec::parse(text.as_deref().unwrap_or("integer")).ok()?;
        if spec.size.dynamic() {
            return None;
        }
        pats.push(pat.clone());
        specs.push(Expr::new(ExprKind::Int(spec.pack()), sp));
    }
    let chunks = remote_call(
        ExprKind::Alias("Kernel".into()),
        "__bin_chunks__",
        vec![(**bin).clone(), Expr::new(ExprKind::List(specs, None), sp)],
        sp,
    );
    let pat = Expr::new(ExprKind::List(pats, None), sp);
    Some(Expr::new(ExprKind::BinOp(BinOp::Arrow, Box::new(pat), Box::new(chunks)), sp))
}

/// `for x <- xs, reduce: acc0 do clauses end` → nested `Enum.reduce` calls.
fn lower_reduce(quals: &[&Expr], clauses: Vec<Clause>, acc: Expr, acc0: Expr, sp: Span) -> CResult<Expr> {
    // Innermost: the user's clauses as a `case` on the accumulator, as Elixir expands them
    // (so no clause matching raises CaseClauseError), with no closure made per element.
    let reducer = Expr::new(
        ExprKind::Call {
            name: "case".into(),
            args: vec![acc.clone()],
            do_block: Some(DoBlock { sections: vec![("do".into(), Body::Clauses(clauses))], span: sp }),
        },
        sp,
    );
    fn go(quals: &[&Expr], reducer: &Expr, acc: &Expr, sp: Span) -> CResult<Expr> {
        let Some((first, rest)) = quals.split_first() else {
            return Ok(reducer.clone());
        };
        let inner = go(rest, reducer, acc, sp)?;
        let rewritten = binary_generator(first);
        let first: &Expr = rewritten.as_ref().unwrap_or(first);
        Ok(match &first.kind {
            ExprKind::BinOp(BinOp::Arrow, pat, enumerable) => {
                let (pat, guard) = match &pat.kind {
                    ExprKind::BinOp(BinOp::When, p, g) => ((**p).clone(), Some((**g).clone())),
                    _ => ((**pat).clone(), None),
                };
                let clauses = vec![
                    Clause { args: vec![pat, acc.clone()], guard, body: inner, span: sp },
                    Clause { args: vec![Expr::new(ExprKind::Var("_".into()), sp), acc.clone()], guard: None, body: acc.clone(), span: sp },
                ];
                let f = Expr::new(ExprKind::Fn(clauses), sp);
                remote_call(ExprKind::Alias("Enum".into()), "reduce", vec![(**enumerable).clone(), acc.clone(), f], sp)
            }
            _ => if_else((*first).clone(), inner, acc.clone(), sp),
        })
    }
    let body = go(quals, &reducer, &acc, sp)?;
    // (fn acc -> body end).(acc0)
    let f = Expr::new(ExprKind::Fn(vec![Clause { args: vec![acc], guard: None, body, span: sp }]), sp);
    Ok(Expr::new(ExprKind::DotCall(Box::new(f), vec![acc0]), sp))
}

/// A variable pinned (`^ref`) in every clause's pattern, if there is one.
fn common_pin(clauses: &[Clause]) -> Option<String> {
    fn pins(e: &Expr, out: &mut Vec<String>) {
        match &e.kind {
            ExprKind::Pin(inner) => {
                if let ExprKind::Var(n) = &inner.kind {
                    out.push(n.clone());
                }
            }
            ExprKind::Tuple(items) => items.iter().for_each(|i| pins(i, out)),
            ExprKind::List(items, tail) => {
                items.iter().for_each(|i| pins(i, out));
                if let Some(t) = tail {
                    pins(t, out);
                }
            }
            ExprKind::Map(pairs) => pairs.iter().for_each(|(k, v)| {
                pins(k, out);
                pins(v, out);
            }),
            ExprKind::Match(a, b) => {
                pins(a, out);
                pins(b, out);
            }
            _ => {}
        }
    }
    let mut common: Option<Vec<String>> = None;
    for cl in clauses {
        let mut found = Vec::new();
        cl.args.iter().for_each(|a| pins(a, &mut found));
        common = Some(match common {
            None => found,
            Some(prev) => prev.into_iter().filter(|n| found.contains(n)).collect(),
        });
    }
    common.and_then(|c| c.into_iter().next())
}

fn section_body(db: Option<&DoBlock>, args: &[Expr], name: &str) -> Option<Body> {
    if let Some(db) = db {
        return db.sections.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone());
    }
    let kw = args.last().and_then(keyword_pairs)?;
    kw.into_iter().find(|(k, _)| k == name).map(|(_, v)| Body::Exprs(v))
}

/// The `->` clauses of a section (`case x do … end`, `cond do … end`).
fn clauses_of(db: Option<&DoBlock>, args: &[Expr], name: &str, sp: Span) -> CResult<Vec<Clause>> {
    match section_body(db, args, name) {
        Some(Body::Clauses(c)) => Ok(c),
        Some(Body::Exprs(e)) => Err(CompileError::new(e.span, "expected `pattern -> body` clauses", "here")
            .help("each clause is written `pattern -> expression`")),
        None => Err(CompileError::new(sp, format!("missing {name} block"), "here")),
    }
}

fn clause_pattern(cl: &Clause) -> CResult<&Expr> {
    match cl.args.as_slice() {
        [p] => Ok(p),
        _ => Err(CompileError::new(cl.span, "expected exactly one pattern", "in this clause")),
    }
}
