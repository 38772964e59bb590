package amd64

import "unsafe"

// enter runs compiled code at address code with R15 = ctx, and returns the code's exit code
// (what it leaves in AX when it returns).
//
// This is wazero's approach to entering JIT code from Go (its compiler engine's
// entrypoint.s) reduced to the minimum: an assembly function passes the context in a fixed
// register and calls the code, which returns to it with RET. The compiled code:
//   - uses no stack: it never pushes, never calls, and keeps spills in the context;
//   - never calls Go: a residual call (call_i, new...) is an exit with a code that asks Go to
//     do the call, after which Go enters the code again at the call's continuation;
//   - may clobber every register except SP and BP (R14, the goroutine register of Go's
//     register ABI, and X15, its zero register, are restored by the ABI wrapper Go puts
//     around calls to ABI0 assembly functions such as this one; the backend leaves them
//     alone anyway, see regalloc.go).
//
// ctx points to the run's area on the goroutine stack (see loop.go); go:noescape lets it
// stay there: the area is only used for the duration of this call.
//
//go:noescape
func enter(code uintptr, ctx unsafe.Pointer) (exit uint64)
