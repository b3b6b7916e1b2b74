//! The `vial` command line, mirroring Elixir's: `vial FILE [ARGS]` runs a script,
//! `vial -e CODE` evaluates code, `vial` starts the REPL, `vial -i FILE` loads a file first.

use std::process::ExitCode;

use clap::Parser;

// Processes allocate and free small terms (cons cells, tuples, closures) at a high rate on
// several scheduler threads at once; mimalloc's per-thread free lists serve that far better
// than the system allocator (a quarter of the `enum` benchmark's instructions were glibc's
// malloc and free).
#[global_allocator]
static GLOBAL: Mi = Mi;

/// The strictest alignment plain `mi_malloc` always gives: its size classes are multiples
/// of a word, so a block is word-aligned and no more.
const MI_WORD_ALIGN: usize = std::mem::size_of::<usize>();

/// mimalloc as the global allocator. The `mimalloc` crate's own wrapper sends every request
/// through `mi_malloc_aligned`, whose alignment checks cost about as much again as the
/// allocation itself; almost every term vial allocates needs only word alignment, which
/// plain `mi_malloc` gives (a cons-heavy sort ran 4 % fewer instructions).
struct Mi;

// SAFETY: each function forwards to mimalloc, which meets `GlobalAlloc`'s contract; plain
// `mi_malloc`/`mi_zalloc`/`mi_realloc` are used only for alignments they always satisfy.
unsafe impl std::alloc::GlobalAlloc for Mi {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys as mi;
        if layout.align() <= MI_WORD_ALIGN {
            unsafe { mi::mi_malloc(layout.size()).cast() }
        } else {
            unsafe { mi::mi_malloc_aligned(layout.size(), layout.align()).cast() }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys as mi;
        if layout.align() <= MI_WORD_ALIGN {
            unsafe { mi::mi_zalloc(layout.size()).cast() }
        } else {
            unsafe { mi::mi_zalloc_aligned(layout.size(), layout.align()).cast() }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys as mi;
        if layout.align() <= MI_WORD_ALIGN {
            unsafe { mi::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            unsafe { mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast() }
        }
    }
}

/// `mi_option_purge_delay` in mimalloc v2's `mi_option_t` (the Rust bindings name no
/// constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays mapped before mimalloc returns it to the OS. Its default,
/// 10 ms, made spawn-heavy programs hand pages back between bursts and fault them in again,
/// zeroed (`benches/spawn_wait.exs`: 4,500 huge-page faults instead of 550, and kernel page
/// clearing was 44 % of the profile). A second still returns the memory of a finished burst.
const PURGE_DELAY_MS: std::ffi::c_long = 1000;

#[derive(Parser, Debug)]
#[command(name = "vial", version, about = "An interpreter for a small Elixir-like language with BEAM-style processes")]
struct Cli {
    /// Evaluate CODE (like `elixir -e`).
    #[arg(short = 'e', value_name = "CODE")]
    eval: Option<String>,
    /// Load FILE, then start the interactive shell (like `iex FILE`).
    #[arg(short = 'i', value_name = "FILE")]
    interactive: Option<String>,
    /// Print the compiled bytecode of FILE instead of running it.
    #[arg(long = "dump-bytecode", value_name = "FILE")]
    dump_bytecode: Option<String>,
    /// Number of scheduler threads (default: one per core).
    #[arg(long, value_name = "N")]
    schedulers: Option<usize>,
    /// The script to run.
    file: Option<String>,
    /// Arguments for the script, seen by `System.argv()`.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn read(path: &str) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("** (File.Error) could not read file \"{path}\": {}", e.to_string().to_lowercase());
        ExitCode::from(1)
    })
}

/// Reports a panic, which is always a bug in vial (bad input raises an Elixir exception
/// instead), before the process aborts (the release build does not unwind; see Cargo.toml).
fn report_bugs() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("vial: internal error (a bug in vial, not in your program): {info}");
        eprintln!("vial: please report it with the program that triggered it");
    }));
}

fn main() -> ExitCode {
    report_bugs();
    // SAFETY: setting an option is allowed at any time; this one only changes when freed
    // memory is given back to the OS.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    let cli = Cli::parse();
    if cli.schedulers == Some(0) {
        eprintln!("vial: --schedulers must be at least 1");
        return ExitCode::from(1);
    }
    if let Some(path) = &cli.dump_bytecode {
        let src = match read(path) {
            Ok(s) => s,
            Err(c) => return c,
        };
        return match vial::compile(&src, path) {
            Ok(chunk) => {
                print!("{}", vial::disasm::disassemble(&chunk, path));
                ExitCode::SUCCESS
            }
            Err(report) => {
                eprintln!("{report}");
                ExitCode::from(1)
            }
        };
    }
    let mut argv = Vec::new();
    let code = if let Some(code) = &cli.eval {
        argv.extend(cli.file.iter().cloned());
        argv.extend(cli.args.iter().cloned());
        let opts = vial::Options { schedulers: cli.schedulers, argv };
        vial::run_source(code, "nofile", &opts)
    } else if let Some(path) = &cli.file {
        let src = match read(path) {
            Ok(s) => s,
            Err(c) => return c,
        };
        argv.extend(cli.args.iter().cloned());
        let opts = vial::Options { schedulers: cli.schedulers, argv };
        vial::run_source(&src, path, &opts)
    } else {
        let opts = vial::Options { schedulers: cli.schedulers, argv };
        vial::repl::run(&opts, cli.interactive.as_deref())
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}
