// Package codemem manages executable memory for metajit's native backends.
//
// Machine code is never writable and executable at the same time (W^X): a block is mapped
// read-write with mmap, the code is copied in, and the mapping is then mprotect'ed to
// read-execute before anything can run it. Patching a block (attaching a bridge to a guard,
// for instance) goes back through read-write and then read-execute again, so no page is ever
// both. This is what LuaJIT's lj_mcode.c does (mcode_protect with MCPROT_GEN and MCPROT_RUN)
// and what wazero's platform package does for its compiled functions.
//
// Each block gets its own mapping, rounded up to whole pages: changing the protection of one
// block never affects code another goroutine may be running in a neighbouring block. A Memory
// has a cap on the total bytes it maps; Alloc fails cleanly once the cap would be exceeded,
// and Free and Flush give memory back.
//
// On arm64 the instruction cache is not coherent with the data cache: a backend for it must
// also flush the instruction cache for the block's range after writing code (the arm64
// backend's job; nothing here is architecture-specific).
package codemem
