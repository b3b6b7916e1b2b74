//! vial: an interpreter for a small Elixir-like language with a BEAM-style process runtime.
//!
//! Data flows one way: source → tokens → AST ([`syntax`]) → bytecode ([`compiler`]) → VM
//! ([`vm`]), run by the process [`runtime`]. The CLI (`main.rs`) and the REPL are thin
//! shells over the functions below.

pub mod bitstring;
pub mod bytecode;
pub mod compiler;
pub mod disasm;
pub mod repl;
mod repl_complete;
pub mod runtime;
pub mod stdlib;
pub mod syntax;
pub mod term;
pub mod vm;

use std::sync::{Arc, Once};

use bytecode::Chunk;

/// Settings for running a program.
#[derive(Clone, Debug)]
pub struct Options {
    /// Scheduler threads; `None` means one per core.
    pub schedulers: Option<usize>,
    /// What `System.argv()` returns.
    pub argv: Vec<String>,
}

/// A syntax or compile error, rendered as a miette report with the source attached.
pub fn render_error(err: Box<dyn miette::Diagnostic + Send + Sync + 'static>, file: &str, source: &str) -> String {
    let report = miette::Report::new_boxed(err).with_source_code(miette::NamedSource::new(file, source.to_string()));
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("{report}");
    }
    out
}

/// The stack for parsing and compiling. Both recurse over the syntax tree, whose depth the
/// parser bounds (`syntax::MAX_NESTING`); this leaves ample room for that bound at any frame
/// size. Only the pages actually used are committed.
const COMPILER_STACK: usize = 512 * 1024 * 1024;

/// Runs `f` on a thread with `COMPILER_STACK` bytes of stack, so deeply nested input cannot
/// overflow the caller's stack.
pub fn with_compiler_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new().stack_size(COMPILER_STACK).spawn_scoped(s, f);
        match handle {
            Ok(h) => match h.join() {
                Ok(v) => v,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            // No thread to be had: compile here, on the caller's stack.
            Err(_) => unreachable_thread_fallback(),
        }
    })
}

fn unreachable_thread_fallback<T>() -> T {
    eprintln!("vial: could not start the compiler thread");
    std::process::exit(1)
}

/// Parses and compiles `source` to a chunk, or returns the rendered diagnostic.
pub fn compile(source: &str, file: &str) -> Result<Arc<Chunk>, String> {
    load_stdlib();
    with_compiler_stack(|| {
        let ast = syntax::parse(source).map_err(|e| render_error(Box::new(e), file, source))?;
        let chunk = compiler::compile_script(&ast, source, file).map_err(|e| render_error(Box::new(e), file, source));
        // The tree is freed here too, on the big stack.
        drop(ast);
        chunk
    })
}

/// Compiles the embedded standard library and installs its modules (once per process).
pub fn load_stdlib() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| with_compiler_stack(|| {
        vm::code::set_lazy_loader(load_lazy_stdlib);
        term::inspect::set_struct_fields(std::sync::Arc::new(|m| {
            vm::code::table().snapshot().modules.get(&m).and_then(|d| d.struct_fields.clone())
        }));
        for (name, src) in stdlib::SOURCES {
            let ast = match syntax::parse(src) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("internal error: stdlib {name} does not parse:\n{}", render_error(Box::new(e), name, src));
                    continue;
                }
            };
            match compiler::compile_script(&ast, src, name) {
                Ok(chunk) => install_modules(&chunk),
                Err(e) => eprintln!("internal error: stdlib {name} does not compile:\n{}", render_error(Box::new(e), name, src)),
            }
        }
    }));
}

/// The lazy loader: compiles the stdlib file that defines `module`, once.
fn load_lazy_stdlib(module: term::Atom) -> bool {
    use std::sync::Mutex;
    static LOADED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let Some((name, src)) = stdlib::lazy_source_of(module) else { return false };
    // Holding the lock while compiling makes concurrent first uses wait for one compile.
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if loaded.contains(&name) {
        return true;
    }
    loaded.push(name);
    with_compiler_stack(|| match syntax::parse(src) {
        Ok(ast) => match compiler::compile_script(&ast, src, name) {
            Ok(chunk) => install_modules(&chunk),
            Err(e) => eprintln!("internal error: stdlib {name} does not compile:\n{}", render_error(Box::new(e), name, src)),
        },
        Err(e) => eprintln!("internal error: stdlib {name} does not parse:\n{}", render_error(Box::new(e), name, src)),
    });
    true
}

/// Installs every module a chunk defines at top level without running the chunk.
pub(crate) fn install_modules(chunk: &Chunk) {
    for m in &chunk.modules {
        vm::code::table().load(m.clone());
    }
}

/// Runs a compiled program as the main process; returns the exit status.
pub fn run_chunk(chunk: Arc<Chunk>, opts: &Options) -> i32 {
    let n = opts.schedulers.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let rt = runtime::Runtime::new(n, opts.argv.clone());
    let pid = rt.add_process(
        |pid| {
            let mut p = Box::new(vm::Process::new(pid));
            p.start_chunk(chunk.clone());
            p
        },
    );
    rt.set_main(pid);
    runtime::run_program(&rt)
}

/// Runs a script's source text: `vial FILE` and `vial -e CODE`.
pub fn run_source(source: &str, file: &str, opts: &Options) -> i32 {
    match compile(source, file) {
        Ok(chunk) => run_chunk(chunk, opts),
        Err(report) => {
            eprintln!("{report}");
            1
        }
    }
}
