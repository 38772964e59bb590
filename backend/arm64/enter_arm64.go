//go:build arm64 && linux

package arm64

import "unsafe"

// enter runs compiled code at address code with R26 = ctx and R25 = the budget word of the
// area ctx points to (see regalloc.go), and returns the code's exit code (what it leaves in
// R0 when it returns with RET).
//
// The compiled code:
//   - uses no stack (it never touches RSP) and never calls Go: a residual call is an exit
//     with a code asking Go to do the call, after which Go enters the code again at the
//     call's continuation;
//   - returns through R30 (LR), which the trampoline's BL set: it never writes R30;
//   - never touches R28 (g), R18 (the platform register), R29 (the frame pointer Go's
//     tracebacks and profilers walk), RSP, nor R27 (REGTMP, which golang-asm itself uses to
//     build large constants and offsets); every other register may be clobbered, as Go's
//     ABI0 allows for assembly functions such as this one (see regalloc.go).
//
//go:noescape
func enter(code uintptr, ctx unsafe.Pointer) (exit uint64)

// flushICache makes the instructions in [addr, addr+n) visible to instruction fetch: for
// each data cache line DC CVAU (clean to the point of unification), DSB ISH, then for each
// instruction cache line IC IVAU (invalidate), DSB ISH, ISB, with line sizes read from
// CTR_EL0 (the sequence of the Arm ARM's "Concurrent modification and execution of
// instructions", as in LLVM's __clear_cache and libgcc's).
//
//go:noescape
func flushICache(addr, n uintptr)
