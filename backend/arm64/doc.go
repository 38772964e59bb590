// Package arm64 is metajit's native backend for AArch64 (linux/arm64): it compiles a trace
// to machine code and runs it through a small assembly trampoline. It has the design of
// backend/amd64 (linear-scan allocation with homes in a stack-resident run area, exit stubs
// that go on through a per-loop exit table, residual calls as exits to Go, a yield countdown
// on the back-edge, bridges attached in machine code: bridge.go), adapted to a load/store,
// three-address instruction set. The register allocator, the sequencing of the jump's
// parallel moves and the layout of the jit-backend-dump listing are backend/amd64's too,
// shared through backend/internal/machine, and both backends pass the same test suite
// (backend/internal/backendtest).
//
// On other systems the package is empty.
package arm64
