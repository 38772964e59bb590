// Package amd64 is metajit's native backend for x86-64: it compiles a trace to machine code
// and runs it through a small assembly trampoline. It implements backend.Backend, and behaves
// exactly as backend/irexec, the reference executor of the IR (the tests compare the two op
// by op on edge-case operands, and on random traces).
//
// # The pieces
//
//   - codegen.go, the code generator: one forward pass over the trace, emitting each op as
//     LuaJIT's lj_asm.c and PyPy's backend/x86/assembler.py do (the arithmetic, x86's fixed
//     registers for IDIV and shifts, floats in XMM registers with SSE2, comparisons fused with
//     the guard that follows them, one out-of-line exit stub per guard);
//   - regalloc.go, this machine's registers for the register allocator, which it shares with
//     backend/arm64 (backend/internal/machine: a linear scan over the linear trace that spills
//     the value used furthest in the future, PyPy's regalloc.py, with a fixed register state
//     at the loop head; read it first);
//   - moves.go, the instructions of the jump's parallel assignment to the loop head's
//     registers and homes (sequenced by backend/internal/machine);
//   - bridge.go, bridges attached in machine code: the tree of a loop and its bridges;
//   - asm.go, the bridge to golang-asm, the Go toolchain's own assembler as a library, and the
//     facts about it the code generator relies on;
//   - loop.go, the Backend, the Loop and Run: the run's area, exits, residual calls, yields;
//   - enter_amd64.s, the trampoline; disasm.go, the -log=jit-backend-dump disassembly
//     (laid out by backend/internal/machine's Listing).
//
// # Running compiled code from Go
//
// Go offers no way to call foreign machine code except cgo, which is slow and is not what a
// JIT wants. As wazero's compiler does, compiled code is entered from a Go assembly function,
// enter (enter_amd64.s), which puts the address of the run's context in R15 and CALLs the
// code; the code returns with RET and an exit code in AX. Because Go knows nothing about the
// compiled code, the code obeys a few rules:
//
//   - It uses no stack beyond the return address the CALL pushed: it never pushes or calls.
//     Values that do not fit in registers live in the context.
//   - It never calls Go. A residual call (call_i, call_r...) or a new is an exit whose code
//     asks Go to do it: the code stores the values it still needs, returns the op's index, Go
//     performs the call with the arguments it finds in the context, writes the result there,
//     and enters the code again at the call's continuation, with every value in memory.
//   - It can be neither preempted nor scanned by Go: the goroutine is simply running. So that
//     the garbage collector and the scheduler are never stalled, a loop counts its back-edges
//     and, every few tens of thousands of ops, saves its loop-carried values and exits with
//     yieldCode; Go passes a preemption point and enters the loop again (loop.go).
//   - Go's unwinder does not know the code either: a CPU profile counts time spent in it as
//     runtime._ExternalCode, and a fault in it (which the IR's guards must make impossible)
//     crashes the program as a fault in C code would.
//   - Go's garbage collector sees every pointer the trace holds whenever Go code runs: the
//     context (the "area", loop.go) lives on the goroutine stack, in Run's frame, and has a
//     typed []unsafe.Pointer part where pointer values are kept at every exit. Stores into
//     it are stores to the goroutine's own stack, which need no write barrier. The code
//     never stores a Go pointer into Go's heap (the IR has no such store).
//
// # Exits and bridges
//
// Every guard branches to its own stub with a 6-byte Jcc rel32 (Loop.GuardJump gives its
// offset). The stub stores the snapshot's values that are only in registers, then jumps
// through the loop's exit table: to the guard's exit to Go, which returns the guard's op
// index (Go copies the values the snapshot names from the area into the backend.Exit), or,
// once a bridge is attached (bridge.go), to the bridge. Attaching is one store in that table,
// a data word: no code is ever rewritten, so executable memory is never writable. Exits(op)
// counts how often each exit went back to Go, for the decision to compile a bridge.
//
// # What is not done
//
// Every op of the IR is compiled; Compile returns an error, and compiles nothing, only for
// traces beyond the backend's limits (a field or array offset beyond 31 bits, more than 16384
// values of one kind). The code is straightforward rather than clever: no constant pools (float
// constants go through R11), no division by multiplication, memory operands only for the
// homes, and every value has its own home rather than sharing stack slots.
package amd64
