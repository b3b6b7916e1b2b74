//! The code table: which compiled function answers to each `Module.fun/arity`.
//!
//! The compiler assigns every `(module, name, arity)` it calls or defines a numbered
//! *export slot* once, so a call op carries a plain index. Loading a module fills its slots
//! in a new immutable snapshot and bumps a generation counter. Each process keeps an `Arc`
//! of the snapshot it last saw, so the call path is a vector index — no lock, no shared
//! write. A process moves to the newest snapshot only when it finds a slot empty or loads
//! code itself, so a running process keeps its version of a module, as on the BEAM.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::bytecode::{Chunk, ModuleDef};
use crate::term::Atom;

/// Loads the code of a module that is known but not yet compiled (the lazily loaded parts
/// of the stdlib). Set by the library, since the VM does not depend on the compiler;
/// returns whether anything was loaded.
pub type LazyLoader = fn(Atom) -> bool;

static LAZY_LOADER: OnceLock<LazyLoader> = OnceLock::new();

pub fn set_lazy_loader(f: LazyLoader) {
    let _ = LAZY_LOADER.set(f);
}

/// Asks the lazy loader for `module`; `true` if new code was loaded.
pub fn load_lazily(module: Atom) -> bool {
    LAZY_LOADER.get().is_some_and(|f| f(module))
}

/// One filled export slot.
#[derive(Clone, Copy, Debug)]
pub struct Export {
    pub chunk: &'static Chunk,
    pub private: bool,
}

/// An immutable view of all loaded code.
#[derive(Default, Debug)]
pub struct Snapshot {
    pub generation: u64,
    /// How many times a loaded module has been replaced by a new version, up to this
    /// snapshot. A process whose code view moves past a replacement may be running the old
    /// version while its calls now find the new one (see `Op::CallSelf`).
    pub reloads: u64,
    pub slots: Vec<Option<Export>>,
    /// Loaded modules and their functions, for `function_exported?`, dynamic calls and
    /// the REPL's completion.
    pub modules: HashMap<Atom, Arc<ModuleDef>>,
}

impl Snapshot {
    /// What slot `s` holds in this snapshot: the call path.
    #[inline]
    pub fn export(&self, s: u32) -> Option<Export> {
        self.slots.get(s as usize).copied().flatten()
    }
}

#[derive(Default)]
struct SlotIndex {
    by_mfa: HashMap<(Atom, Atom, u32), u32>,
    mfa: Vec<(Atom, Atom, u32)>,
}

pub struct CodeTable {
    /// The file each module was loaded from by `c/1`, for `r/1`.
    sources: Mutex<HashMap<Atom, String>>,
    generation: AtomicU64,
    current: RwLock<Arc<Snapshot>>,
    index: Mutex<SlotIndex>,
}

/// The process-wide code table.
pub fn table() -> &'static CodeTable {
    static TABLE: OnceLock<CodeTable> = OnceLock::new();
    TABLE.get_or_init(|| CodeTable {
        sources: Mutex::new(HashMap::new()),
        generation: AtomicU64::new(0),
        current: RwLock::new(Arc::new(Snapshot::default())),
        index: Mutex::new(SlotIndex::default()),
    })
}

impl CodeTable {
    /// The slot for `module.name/arity`, assigning a new one on first use.
    pub fn slot(&self, module: Atom, name: Atom, arity: u32) -> u32 {
        let mut idx = self.index.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&s) = idx.by_mfa.get(&(module, name, arity)) {
            return s;
        }
        let s = idx.mfa.len() as u32;
        idx.mfa.push((module, name, arity));
        idx.by_mfa.insert((module, name, arity), s);
        s
    }

    /// The slot for `module.name/arity` if one was ever assigned (dynamic calls).
    pub fn lookup_slot(&self, module: Atom, name: Atom, arity: u32) -> Option<u32> {
        let idx = self.index.lock().unwrap_or_else(|e| e.into_inner());
        idx.by_mfa.get(&(module, name, arity)).copied()
    }

    /// What slot `s` is named, for error messages.
    pub fn mfa_of(&self, s: u32) -> Option<(Atom, Atom, u32)> {
        let idx = self.index.lock().unwrap_or_else(|e| e.into_inner());
        idx.mfa.get(s as usize).copied()
    }

    pub fn set_source(&self, module: Atom, path: &str) {
        self.sources.lock().unwrap_or_else(|e| e.into_inner()).insert(module, path.to_string());
    }

    pub fn source_of(&self, module: Atom) -> Option<String> {
        self.sources.lock().unwrap_or_else(|e| e.into_inner()).get(&module).cloned()
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Installs (or replaces) a module. Functions of an earlier version that the new one
    /// lacks are removed, as when a module is redefined in iex.
    pub fn load(&self, module: Arc<ModuleDef>) {
        let mut cur = self.current.write().unwrap_or_else(|e| e.into_inner());
        let mut slots = cur.slots.clone();
        if let Some(old) = cur.modules.get(&module.name) {
            for f in &old.functions {
                if let Some(s) = slots.get_mut(f.slot as usize) {
                    *s = None;
                }
            }
        }
        // Loaded code is never freed (see `bytecode::immortal`): processes may still be
        // running an old version's functions after a reload.
        let functions = &crate::bytecode::immortal(module.clone()).functions;
        for f in functions {
            let i = f.slot as usize;
            if slots.len() <= i {
                slots.resize(i + 1, None);
            }
            slots[i] = Some(Export { chunk: &f.chunk, private: f.private });
        }
        let reloads = cur.reloads + u64::from(cur.modules.contains_key(&module.name));
        let mut modules = cur.modules.clone();
        modules.insert(module.name, module);
        let generation = cur.generation + 1;
        *cur = Arc::new(Snapshot { generation, slots, modules, reloads });
        self.generation.store(generation, Ordering::Release);
    }
}
