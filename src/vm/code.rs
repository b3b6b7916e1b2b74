//! The code table: which compiled function answers to each `Module.fun/arity`.
//!
//! The compiler assigns every `(module, name, arity)` it calls or defines a numbered
//! *export slot* once, so a call op carries a plain index. The slots form a two-level table
//! of atomic pointers to immortal exports (compiled code is never freed, see
//! `bytecode::immortal`): a call reads two pointers with acquire loads, takes no lock, and
//! writes nothing shared, so schedulers never contend on it. Loading a module swaps its
//! slots' pointers; a process already running an old version finishes with the old code.

use std::collections::HashMap;
use std::sync::atomic::{AtomicPtr, Ordering};
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

/// Slots per segment of the export table; segments are allocated as slots are assigned.
const SEGMENT: usize = 1024;

/// Segments in the export table, so at most `SEGMENT * MAX_SEGMENTS` (about a million)
/// distinct `Module.fun/arity` names. The directory is allocated once, up front, so that
/// readers never race with its growth; a program that names more functions than this gets
/// `UndefinedFunctionError` for the excess.
const MAX_SEGMENTS: usize = 1024;

type Segment = [AtomicPtr<Export>; SEGMENT];

/// All loaded modules by name, for `function_exported?`, dynamic calls and completion.
pub type Modules = HashMap<Atom, Arc<ModuleDef>>;

#[derive(Default)]
struct SlotIndex {
    by_mfa: HashMap<(Atom, Atom, u32), u32>,
    mfa: Vec<(Atom, Atom, u32)>,
}

pub struct CodeTable {
    /// The file each module was loaded from by `c/1`, for `r/1`.
    sources: Mutex<HashMap<Atom, String>>,
    segments: Box<[AtomicPtr<Segment>]>,
    /// Replaced whole on each load, so readers take the lock only to clone the `Arc`.
    modules: RwLock<Arc<Modules>>,
    /// Serialises loads: two loads of one module must not interleave their slot writes.
    load_lock: Mutex<()>,
    index: Mutex<SlotIndex>,
}

/// The process-wide code table.
pub fn table() -> &'static CodeTable {
    static TABLE: OnceLock<CodeTable> = OnceLock::new();
    TABLE.get_or_init(|| CodeTable {
        sources: Mutex::new(HashMap::new()),
        segments: (0..MAX_SEGMENTS).map(|_| AtomicPtr::new(std::ptr::null_mut())).collect(),
        modules: RwLock::new(Arc::new(HashMap::new())),
        load_lock: Mutex::new(()),
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

    /// What slot `s` currently holds: the call path.
    #[inline]
    pub fn export(&self, s: u32) -> Option<&'static Export> {
        let s = s as usize;
        let seg = self.segments.get(s / SEGMENT)?.load(Ordering::Acquire);
        // SAFETY: a non-null segment pointer comes from `Box::leak` in `segment_for` and is
        // never freed; the same holds for the exports stored in it (`load`).
        let seg = unsafe { seg.as_ref() }?;
        let e = seg[s % SEGMENT].load(Ordering::Acquire);
        unsafe { e.as_ref() }
    }

    /// All loaded modules, as of now.
    pub fn modules(&self) -> Arc<Modules> {
        self.modules.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Whether `module` is loaded.
    pub fn is_loaded(&self, module: Atom) -> bool {
        self.modules.read().unwrap_or_else(|e| e.into_inner()).contains_key(&module)
    }

    /// The segment holding slot `s`, allocated on first use (only under `load_lock`).
    fn segment_for(&self, s: usize) -> Option<&'static Segment> {
        let dir = self.segments.get(s / SEGMENT)?;
        let mut seg = dir.load(Ordering::Acquire);
        if seg.is_null() {
            let fresh: Box<Segment> = Box::new(std::array::from_fn(|_| AtomicPtr::new(std::ptr::null_mut())));
            seg = Box::leak(fresh);
            dir.store(seg, Ordering::Release);
        }
        // SAFETY: see `export`.
        unsafe { seg.as_ref() }
    }

    fn set_slot(&self, s: u32, e: Option<Export>) {
        let Some(seg) = self.segment_for(s as usize) else { return };
        let p = match e {
            Some(e) => Box::leak(Box::new(e)) as *mut Export,
            None => std::ptr::null_mut(),
        };
        seg[s as usize % SEGMENT].store(p, Ordering::Release);
    }

    /// Installs (or replaces) a module. Functions of an earlier version that the new one
    /// lacks are removed, as when a module is redefined in iex.
    pub fn load(&self, module: Arc<ModuleDef>) {
        let _serial = self.load_lock.lock().unwrap_or_else(|e| e.into_inner());
        let old = self.modules().get(&module.name).cloned();
        if let Some(old) = old {
            for f in &old.functions {
                if !module.functions.iter().any(|n| n.slot == f.slot) {
                    self.set_slot(f.slot, None);
                }
            }
        }
        // Loaded code is never freed (see `bytecode::immortal`): processes may still be
        // running an old version's functions after a reload.
        let functions = &crate::bytecode::immortal(module.clone()).functions;
        for f in functions {
            self.set_slot(f.slot, Some(Export { chunk: &f.chunk, private: f.private }));
        }
        let mut modules = self.modules.write().unwrap_or_else(|e| e.into_inner());
        let mut next = Modules::clone(&modules);
        next.insert(module.name, module);
        *modules = Arc::new(next);
    }
}
