//! Hard limits of the loader: every one gives a clear finding, never a crash. See
//! `docs/robustness.md` for why each number is what it is.

/// Deepest nesting of lists and mappings. Real specs stay below 30; 128 leaves headroom and
/// keeps every recursive walk far from the stack limit.
pub const MAX_DEPTH: usize = 128;

/// Nodes that YAML aliases may add by expansion, in total (the "billion laughs" guard).
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// Files larger than this are not read at all (64 MiB, six times the largest spec in the
/// corpus). External Services' own limits (AL004) are far lower and reported as findings.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
