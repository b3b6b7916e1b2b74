//! Raised errors: the `Exception` carried while unwinding, Elixir's exception structs, and
//! their messages exactly as Elixir words them.


use crate::term::inspect::inspect;
use crate::term::{Atom, MapT, Term};

/// An error, throw or exit in flight. `kind` is `:error`, `:throw` or `:exit`; for `:error`
/// the reason is always an Elixir exception struct.
#[derive(Clone, Debug)]
pub struct Exception {
    pub kind: Atom,
    pub reason: Term,
    /// `[{module, function, arity, [file: .., line: ..]}]`, innermost first.
    pub stack: Term,
}

impl Exception {
    pub fn error(reason: Term) -> Exception {
        Exception { kind: Atom::ERROR, reason, stack: Term::Nil }
    }
    pub fn throw(value: Term) -> Exception {
        Exception { kind: Atom::THROW, reason: value, stack: Term::Nil }
    }
    pub fn exit(reason: Term) -> Exception {
        Exception { kind: Atom::intern("exit"), reason, stack: Term::Nil }
    }
}

/// Builds `%Module{__exception__: true, fields…}`.
pub fn exception_struct(module: Atom, fields: Vec<(&str, Term)>) -> Term {
    let mut m = MapT::new();
    m.insert(Term::Atom(Atom::STRUCT), Term::Atom(module));
    m.insert(Term::Atom(Atom::EXCEPTION), Term::TRUE);
    for (k, v) in fields {
        m.insert(Term::Atom(Atom::intern(k)), v);
    }
    Term::map(m)
}

fn with_message(module: Atom, msg: &str) -> Exception {
    Exception::error(exception_struct(module, vec![("message", Term::str(msg))]))
}

pub fn runtime_error(msg: &str) -> Exception {
    with_message(Atom::ELIXIR_RUNTIME_ERROR, msg)
}

pub fn argument_error(msg: &str) -> Exception {
    with_message(Atom::ELIXIR_ARGUMENT_ERROR, msg)
}

pub fn badarg() -> Exception {
    argument_error("argument error")
}

pub fn badarith() -> Exception {
    with_message(Atom::ELIXIR_ARITHMETIC_ERROR, "bad argument in arithmetic expression")
}

pub fn system_limit(msg: &str) -> Exception {
    with_message(Atom::ELIXIR_SYSTEM_LIMIT_ERROR, msg)
}

/// MatchError, CaseClauseError, WithClauseError, TryClauseError, BadMapError, … (one `term`).
pub fn term_error(module: Atom, term: Term) -> Exception {
    Exception::error(exception_struct(module, vec![("term", term)]))
}

pub fn key_error(key: Term, term: Term) -> Exception {
    Exception::error(exception_struct(
        Atom::ELIXIR_KEY_ERROR,
        vec![("key", key), ("term", term), ("message", Term::NIL_ATOM)],
    ))
}

pub fn bad_function(term: Term) -> Exception {
    term_error(Atom::ELIXIR_BAD_FUNCTION_ERROR, term)
}

pub fn bad_arity(fun: Term, args: Vec<Term>) -> Exception {
    Exception::error(exception_struct(Atom::ELIXIR_BAD_ARITY_ERROR, vec![("function", fun), ("args", Term::list(args))]))
}

pub fn undefined_function(module: Atom, name: Atom, arity: u32, module_loaded: bool) -> Exception {
    let reason = if module_loaded { Term::NIL_ATOM } else { Term::Atom(Atom::intern("module_not_available")) };
    Exception::error(exception_struct(
        Atom::ELIXIR_UNDEFINED_FUNCTION_ERROR,
        vec![
            ("module", Term::Atom(module)),
            ("function", Term::Atom(name)),
            ("arity", Term::Int(arity as i64)),
            ("reason", reason),
            ("message", Term::NIL_ATOM),
        ],
    ))
}

pub fn function_clause(module: Atom, name: Atom, arity: u32, args: Vec<Term>) -> Exception {
    Exception::error(exception_struct(
        Atom::ELIXIR_FUNCTION_CLAUSE_ERROR,
        vec![
            ("module", Term::Atom(module)),
            ("function", Term::Atom(name)),
            ("arity", Term::Int(arity as i64)),
            ("kind", Term::NIL_ATOM),
            ("args", Term::list(args)),
            ("clauses", Term::NIL_ATOM),
        ],
    ))
}

pub fn protocol_undefined(protocol: &str, value: Term) -> Exception {
    Exception::error(exception_struct(
        Atom::ELIXIR_PROTOCOL_UNDEFINED_ERROR,
        vec![
            ("protocol", Term::Atom(Atom::alias(protocol))),
            ("value", value),
            ("description", Term::str("")),
        ],
    ))
}

pub fn bad_boolean(op: &str, term: Term) -> Exception {
    Exception::error(exception_struct(
        Atom::ELIXIR_BAD_BOOLEAN_ERROR,
        vec![("term", term), ("operator", Term::Atom(Atom::intern(op)))],
    ))
}

fn field<'a>(m: &'a MapT, k: &str) -> Option<&'a Term> {
    m.get(&Term::Atom(Atom::intern(k)))
}

fn field_or_nil(m: &MapT, k: &str) -> Term {
    field(m, k).cloned().unwrap_or(Term::NIL_ATOM)
}

/// The module name as Elixir prints it in messages (`Foo.Bar`, `:lists`).
pub fn module_name(t: &Term) -> String {
    inspect(t)
}

/// `Exception.message/1` for the built-in exceptions. `None` if `t` is not an exception
/// this function knows how to describe (user exceptions call their own `message/1`).
pub fn message(t: &Term) -> Option<String> {
    let Term::Map(m) = t else { return None };
    let module = field(m, "__struct__")?.as_atom()?;
    if let Some(Term::Bin(b)) = field(m, "message") {
        return Some(String::from_utf8_lossy(b).into_owned());
    }
    let term = field_or_nil(m, "term");
    Some(match module.name() {
        "Elixir.MatchError" => format!("no match of right hand side value: {}", inspect(&term)),
        "Elixir.CaseClauseError" => format!("no case clause matching: {}", inspect(&term)),
        "Elixir.WithClauseError" => format!("no with clause matching: {}", inspect(&term)),
        "Elixir.TryClauseError" => format!("no try clause matching: {}", inspect(&term)),
        "Elixir.CondClauseError" => "no cond clause evaluated to a truthy value".to_string(),
        "Elixir.BadMapError" => format!("expected a map, got: {}", inspect(&term)),
        "Elixir.BadStructError" => format!("expected a struct, got: {}", inspect(&term)),
        "Elixir.BadFunctionError" => format!("expected a function, got: {}", inspect(&term)),
        "Elixir.BadBooleanError" => {
            let op = field_or_nil(m, "operator");
            format!("expected a boolean on left-side of \"{}\", got: {}", op.as_atom().map(|a| a.name()).unwrap_or(""), inspect(&term))
        }
        "Elixir.KeyError" => {
            let key = field_or_nil(m, "key");
            // Elixir leaves out the container when the error does not name one
            // (`raise KeyError, key: k`, a struct's `__struct__/1`).
            if term.is_atom(Atom::NIL) {
                format!("key {} not found", inspect(&key))
            } else {
                format!("key {} not found in: {}", inspect(&key), inspect(&term))
            }
        }
        "Elixir.BadArityError" => {
            let f = field_or_nil(m, "function");
            let args = field_or_nil(m, "args").list_to_vec().unwrap_or_default();
            let arity = match &f {
                Term::Fun(c) => c.arity(),
                _ => 0,
            };
            let shown: Vec<String> = args.iter().map(inspect).collect();
            let n = args.len();
            format!(
                "{} with arity {} called with {} argument{} ({})",
                inspect(&f),
                arity,
                if n == 0 { "no".to_string() } else { n.to_string() },
                if n == 1 { "" } else { "s" },
                shown.join(", ")
            )
        }
        "Elixir.UndefinedFunctionError" => {
            let md = field_or_nil(m, "module");
            let f = field_or_nil(m, "function");
            let a = field_or_nil(m, "arity");
            let fname = f.as_atom().map(|a| a.name().to_string()).unwrap_or_default();
            let head = format!("function {}.{}/{} is undefined", module_name(&md), fname, inspect(&a));
            if field_or_nil(m, "reason").is_atom(Atom::intern("module_not_available")) {
                format!("{head} (module {} is not available)", module_name(&md))
            } else {
                format!("{head} or private")
            }
        }
        "Elixir.FunctionClauseError" => {
            let md = field_or_nil(m, "module");
            let f = field_or_nil(m, "function");
            let a = field_or_nil(m, "arity");
            let fname = f.as_atom().map(|a| a.name().to_string()).unwrap_or_default();
            match anonymous_in(&fname) {
                Some(outer) => format!("no function clause matching in anonymous fn/{} in {}.{outer}", inspect(&a), module_name(&md)),
                None => format!("no function clause matching in {}.{}/{}", module_name(&md), fname, inspect(&a)),
            }
        }
        "Elixir.Protocol.UndefinedError" => {
            let p = field_or_nil(m, "protocol");
            let v = field_or_nil(m, "value");
            format!("protocol {} not implemented for {} of type {}", module_name(&p), inspect(&v), type_description(&v))
        }
        "Elixir.ErlangError" => format!("Erlang error: {}", inspect(&field_or_nil(m, "original"))),
        "Elixir.SystemLimitError" => "a system limit has been reached".to_string(),
        _ => return None,
    })
}

/// The enclosing `name/arity` of an anonymous function's compiled name
/// (`-struct/2-fun-0-`, `-__struct__/1-inlined-0-`), which Elixir prints as
/// "anonymous fn/2 in Kernel.struct/2".
fn anonymous_in(fname: &str) -> Option<&str> {
    let inner = fname.strip_prefix('-')?.strip_suffix('-')?;
    let (outer, _) = inner.rsplit_once("-fun-").or_else(|| inner.rsplit_once("-inlined-"))?;
    outer.contains('/').then_some(outer)
}

/// The type names `Protocol.UndefinedError` uses; a struct is named by its module
/// (`MapSet (a struct)`), since "Map" would not tell a learner which struct lacks the
/// protocol.
fn type_description(v: &Term) -> String {
    if let Term::Map(m) = v
        && let Some(module) = m.get(&Term::Atom(Atom::STRUCT))
    {
        return format!("{} (a struct)", inspect(module));
    }
    let name = match v {
        Term::Int(_) | Term::Big(_) => "Integer",
        Term::Float(_) => "Float",
        Term::Atom(_) => "Atom",
        Term::Bin(_) => "BitString",
        Term::Nil | Term::Cons(_) => "List",
        Term::Tuple(_) => "Tuple",
        Term::Map(_) => "Map",
        Term::Fun(_) => "Function",
        Term::Pid(_) => "PID",
        Term::Ref(_) => "Reference",
    };
    name.to_string()
}

/// The banner as logger reports print it: the message without the details Elixir adds for
/// an uncaught error (argument listings, arithmetic blame).
pub fn format_banner_plain(e: &Exception) -> String {
    banner(e, false)
}

/// The `** (Module) message` banner for an uncaught error of any kind, as Elixir prints it.
pub fn format_banner(e: &Exception) -> String {
    banner(e, true)
}

fn banner(e: &Exception, detailed: bool) -> String {
    match e.kind.name() {
        "error" if !matches!(&e.reason, Term::Map(_)) => {
            // A raw Erlang reason (`:badarg`, `{:badkey, k}`) is shown as the exception
            // Elixir turns it into, as `Exception.format_banner/2` normalizes it.
            let n = Exception { kind: e.kind, reason: normalize(&e.reason), stack: e.stack.clone() };
            if matches!(n.reason, Term::Map(_)) {
                banner(&n, detailed)
            } else {
                format!("** (ErlangError) Erlang error: {}", inspect(&e.reason))
            }
        }
        "error" => {
            let module = match &e.reason {
                Term::Map(m) => field(m, "__struct__").map(module_name).unwrap_or_default(),
                _ => String::new(),
            };
            let mut msg = message(&e.reason).unwrap_or_else(|| inspect(&e.reason));
            if detailed && module == "FunctionClauseError" {
                msg.push_str(&function_clause_args(&e.reason));
            }
            if detailed && module == "ArithmeticError" && msg == "bad argument in arithmetic expression" {
                msg.push_str(&arith_blame_suffix(e));
            }
            format!("** ({module}) {msg}")
        }
        "throw" => format!("** (throw) {}", inspect(&e.reason)),
        _ => format!("** (exit) {}", exit_reason_text(&e.reason)),
    }
}

/// The argument listing Elixir adds under an uncaught FunctionClauseError.
fn function_clause_args(reason: &Term) -> String {
    let Term::Map(m) = reason else { return String::new() };
    let args = field_or_nil(m, "args").list_to_vec().unwrap_or_default();
    if args.is_empty() {
        return String::new();
    }
    let md = field_or_nil(m, "module");
    let f = field_or_nil(m, "function").as_atom().map(|a| a.name()).unwrap_or("");
    let mut out = format!("\n\n    The following arguments were given to {}.{}/{}:\n", module_name(&md), f, args.len());
    for (i, a) in args.iter().enumerate() {
        out.push_str(&format!("\n        # {}\n        {}\n", i + 1, inspect(a)));
    }
    out
}

/// How Elixir describes an exit reason (`Exception.format_exit/1`).
pub fn exit_reason_text(reason: &Term) -> String {
    // {error, stacktrace} from a crashed process: "an exception was raised:\n    ** (...)".
    if let Term::Tuple(t) = reason {
        if t.len() == 2 && is_stacktrace(&t[1]) {
            let e = Exception::error(normalize(&t[0]));
            return format!("an exception was raised:\n    {}", format_banner_plain(&e));
        }
    }
    exit_reason_words(reason).unwrap_or_else(|| inspect(reason))
}

/// The wording Elixir's `format_exit_reason` gives well-known exit reasons.
fn exit_reason_words(reason: &Term) -> Option<String> {
    let text = match reason {
        Term::Atom(a) => match a.name() {
            "normal" => "normal",
            "shutdown" => "shutdown",
            "calling_self" => "process attempted to call itself",
            "timeout" => "time out",
            "killed" => "killed",
            "noconnection" => "no connection",
            "noproc" => "no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started",
            _ => return None,
        }
        .to_string(),
        Term::Tuple(t) if t.len() == 2 => {
            let label = match t.first().and_then(Term::as_atom).map(|a| a.name()) {
                Some("shutdown") => "shutdown",
                Some("already_started") => "already started",
                Some("bad_return_value") => "bad return value",
                Some("bad_call") => "bad call",
                Some("bad_cast") => "bad cast",
                _ => return None,
            };
            format!("{label}: {}", inspect(t.get(1)?))
        }
        _ => return None,
    };
    Some(text)
}

fn is_stacktrace(t: &Term) -> bool {
    let mut it = t.list_iter();
    let frames_ok = it.by_ref().all(|e| matches!(e, Term::Tuple(f) if f.len() == 4));
    frames_ok && matches!(it.tail(), Term::Nil)
}

fn struct_field(t: &Term, k: &str) -> Option<Term> {
    match t {
        Term::Map(m) => m.get(&Term::Atom(Atom::intern(k))).cloned(),
        _ => None,
    }
}

/// The error term the BEAM itself would carry for an exception vial raised as a struct:
/// errors that come from the runtime (`:badarith`, `{:badmatch, v}`, …) travel in exit
/// reasons in their raw form, as on the BEAM; exceptions raised with `raise` stay structs.
pub fn raw_error(reason: &Term) -> Term {
    let Some(module) = struct_field(reason, "__struct__").and_then(|m| m.as_atom()) else { return reason.clone() };
    let msg = struct_field(reason, "message");
    let tag = |a: &str, v: Term| Term::tuple(vec![Term::Atom(Atom::intern(a)), v]);
    let field = |k: &str| struct_field(reason, k).unwrap_or(Term::NIL_ATOM);
    match module.name() {
        "Elixir.ArithmeticError" if msg == Some(Term::str("bad argument in arithmetic expression")) => Term::Atom(Atom::BADARITH),
        "Elixir.ArgumentError"
            if msg.as_ref().and_then(|m| m.as_bytes()).is_some_and(|b| b == b"argument error" || b.starts_with(b"errors were found")) =>
        {
            Term::Atom(Atom::BADARG)
        }
        "Elixir.MatchError" => tag("badmatch", field("term")),
        "Elixir.CaseClauseError" => tag("case_clause", field("term")),
        "Elixir.TryClauseError" => tag("try_clause", field("term")),
        "Elixir.BadMapError" => tag("badmap", field("term")),
        "Elixir.BadFunctionError" => tag("badfun", field("term")),
        "Elixir.FunctionClauseError" => Term::Atom(Atom::FUNCTION_CLAUSE),
        "Elixir.UndefinedFunctionError" => Term::Atom(Atom::UNDEF),
        "Elixir.BadArityError" => tag("badarity", Term::tuple(vec![field("function"), field("args")])),
        _ => reason.clone(),
    }
}

/// `Exception.normalize/2` for `:error`: a raw BEAM error becomes the Elixir exception.
pub fn normalize(reason: &Term) -> Term {
    if message(reason).is_some() || struct_field(reason, "__exception__").is_some() {
        return reason.clone();
    }
    let items: Vec<Term> = match reason {
        Term::Tuple(t) => t.to_vec(),
        _ => vec![],
    };
    let with = |m: &str, k: &str, v: Term| exception_struct(Atom::alias(m), vec![(k, v)]);
    match (reason.as_atom().map(|a| a.name()), items.first().and_then(|t| t.as_atom()).map(|a| a.name()), items.len()) {
        (Some("badarith"), _, _) => badarith().reason,
        (Some("badarg"), _, _) => badarg().reason,
        (Some("function_clause"), _, _) => exception_struct(Atom::ELIXIR_FUNCTION_CLAUSE_ERROR, vec![]),
        (Some("undef"), _, _) => exception_struct(Atom::ELIXIR_UNDEFINED_FUNCTION_ERROR, vec![]),
        (_, Some("badmatch"), 2) => with("MatchError", "term", items[1].clone()),
        (_, Some("case_clause"), 2) => with("CaseClauseError", "term", items[1].clone()),
        (_, Some("try_clause"), 2) => with("TryClauseError", "term", items[1].clone()),
        (_, Some("badmap"), 2) => with("BadMapError", "term", items[1].clone()),
        (_, Some("badfun"), 2) => with("BadFunctionError", "term", items[1].clone()),
        (_, Some("badkey"), 3) => key_error(items[1].clone(), items[2].clone()).reason,
        _ => erlang_error_struct(reason.clone()),
    }
}

/// `%ErlangError{original: reason}`: an Erlang error with no Elixir exception of its own.
pub fn erlang_error_struct(original: Term) -> Term {
    exception_struct(Atom::ELIXIR_ERLANG_ERROR, vec![("original", original), ("reason", Term::NIL_ATOM)])
}

/// Puts `module.fun(args)` at the top of the error's stack trace, as the BEAM does for a
/// failed call (`Greeter.goodbye("Ada")`, `:erlang./(100, 0)`); the interpreter appends the
/// frames below it.
pub fn with_call_frame(mut e: Exception, module: Atom, fun: Atom, args: Vec<Term>) -> Exception {
    e.stack = Term::list(vec![Term::tuple(vec![Term::Atom(module), Term::Atom(fun), Term::list(args), Term::Nil])]);
    e
}

/// Records the operands of a failed arithmetic operation as the top stack frame
/// (`:erlang./(100, 0)`); `format_banner` then names the expression, as Elixir's blame does.
pub fn blame_arith(e: Exception, op: &str, a: &Term, b: &Term) -> Exception {
    let is_arith = matches!(&e.reason, Term::Map(m)
        if m.get(&Term::Atom(Atom::STRUCT)) == Some(&Term::Atom(Atom::ELIXIR_ARITHMETIC_ERROR)));
    if !is_arith {
        return e;
    }
    with_call_frame(e, Atom::intern("erlang"), Atom::intern(op), vec![a.clone(), b.clone()])
}

/// `: 100 / 0` when the error's top frame is an arithmetic call recorded by `blame_arith`.
fn arith_blame_suffix(e: &Exception) -> String {
    let Term::Cons(c) = &e.stack else { return String::new() };
    let Term::Tuple(t) = &c.head else { return String::new() };
    if t.len() != 4 || !t[0].is_atom(Atom::intern("erlang")) {
        return String::new();
    }
    let (Some(op), Some(args)) = (t[1].as_atom(), t[2].list_to_vec()) else { return String::new() };
    let [a, b] = args.as_slice() else { return String::new() };
    let op = op.name();
    if op.chars().all(|c| c.is_ascii_alphabetic()) {
        format!(": {op}({}, {})", inspect(a), inspect(b))
    } else {
        format!(": {} {op} {}", inspect(a), inspect(b))
    }
}

/// Whether a stack holds only a call frame pushed by `with_call_frame` (no location yet).
pub fn is_call_frame_only(stack: &Term) -> bool {
    match stack {
        Term::Cons(c) => matches!(c.tail, Term::Nil) && matches!(&c.head, Term::Tuple(t) if t.len() == 4 && matches!(t[3], Term::Nil)),
        _ => false,
    }
}

/// An error with a message, of an exception module named by its alias (`CompileError`).
pub fn exception_struct_error(alias: &str, msg: &str) -> Exception {
    Exception::error(exception_struct(Atom::alias(alias), vec![("message", Term::str(msg))]))
}
