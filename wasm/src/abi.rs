//! The exported functions: JSON over linear memory.
//!
//! The host asks `input_buffer(len)` for a buffer, copies its JSON there and
//! calls `configure(ptr, len)` or `analyze(handle, ptr, len)`. Both return
//! `ptr << 32 | len` of the result JSON, valid until the next call. A failed
//! call returns `{"error": "..."}`; a trap (only possible on a bug or an
//! exhausted limit) is handled by the host, which discards the instance.
//!
//! `unsafe` is confined to this module: reading the host's bytes is a
//! bounds-checked slice of our own buffer, and the only raw pointers are
//! those handed back to the host.

use std::cell::RefCell;

use crate::rules::{analyze_json, configure_json, Analyzer};

struct State {
    input: Vec<u8>,
    output: Vec<u8>,
    analyzer: Analyzer,
}

thread_local! {
    // wasm32-unknown-unknown is single-threaded: this is one global state.
    static STATE: RefCell<State> = RefCell::new(State {
        input: Vec::new(),
        output: Vec::with_capacity(4096),
        analyzer: Analyzer::new(),
    });
}

fn pack(out: &[u8]) -> u64 {
    ((out.as_ptr() as u64) << 32) | out.len() as u64
}

/// Make the input buffer at least `len` bytes and return its address. The
/// address changes only when this function grows the buffer.
#[no_mangle]
pub extern "C" fn input_buffer(len: u32) -> u32 {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let len = len as usize;
        if s.input.len() < len {
            let grow = len.max(s.input.len() * 2).max(4096);
            s.input.resize(grow, 0);
        }
        s.input.as_ptr() as u32
    })
}

fn with_input(ptr: u32, len: u32, f: impl FnOnce(&[u8], &mut Vec<u8>, &mut Analyzer)) -> u64 {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let State { input, output, analyzer } = &mut *s;
        if ptr != input.as_ptr() as u32 || len as usize > input.len() {
            output.clear();
            output.extend_from_slice(b"{\"error\":\"input outside the input buffer\"}");
        } else {
            f(&input[..len as usize], output, analyzer);
        }
        pack(output)
    })
}

/// Configure a rule set from the JSON at `ptr`; returns the packed result.
#[no_mangle]
pub extern "C" fn configure(ptr: u32, len: u32) -> u64 {
    with_input(ptr, len, |input, out, an| configure_json(an, input, out))
}

/// Analyze one request (JSON at `ptr`) against rule set `handle`.
#[no_mangle]
pub extern "C" fn analyze(handle: u32, ptr: u32, len: u32) -> u64 {
    with_input(ptr, len, |input, out, an| analyze_json(an, handle, input, out))
}

/// Test hook: trap. The host's tests use it to prove a trap is contained and
/// the instance replaced; harmless in production (it only affects the caller's
/// own instance, which is then discarded).
#[no_mangle]
pub extern "C" fn debug_trap() {
    std::process::abort();
}

/// Test hook: never return, so the host's deadline must interrupt it.
#[no_mangle]
pub extern "C" fn debug_spin(seed: u32) -> u32 {
    let mut x = seed;
    loop {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        if x == u32::MAX && seed == u32::MAX - 1 {
            // Unreachable in practice; keeps the loop from being proven infinite.
            return x;
        }
    }
}

/// Test hook: try to grow memory by `pages` 64 KiB pages; returns the old
/// size in pages or -1 when the host's memory limit refused.
#[no_mangle]
pub extern "C" fn debug_grow(pages: u32) -> i32 {
    core::arch::wasm32::memory_grow(0, pages as usize) as i32
}
